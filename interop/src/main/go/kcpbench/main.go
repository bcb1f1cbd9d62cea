// Command kcpbench times the peers KcpLab measures itself against, in the same run as KcpLab's JMH benchmarks:
// kcp-go 5.6.1's packet ciphers (measured kcp-go's way: encrypt + decrypt of a 1500-byte packet, counting 3000
// bytes, as its own benchCrypt does), Go's CRC32 (kcp-go's checksum), klauspost/reedsolomon (kcp-go's
// Reed-Solomon codec) on 10+3 shards of 1400 bytes, and minio/highwayhash's HighwayHash-64. Built offline in
// GOPATH mode from Debian's packages (golang-github-xtaci-kcp-dev, golang-github-minio-highwayhash-dev).
//
// Output: one line per case, "name<TAB>MB/s" (MB = 10^6 bytes), so benchmarks/run.sh can compute ratios.
package main

import (
	"crypto/rand"
	"crypto/sha1"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"testing"

	"github.com/klauspost/reedsolomon"
	"github.com/minio/highwayhash"
	kcp "github.com/xtaci/kcp-go"
	"golang.org/x/crypto/pbkdf2"
)

const mtuLimit = 1500

func report(name string, r testing.BenchmarkResult) {
	secs := r.T.Seconds()
	if secs <= 0 || r.N == 0 {
		fmt.Printf("%s\tNaN\n", name)
		return
	}
	fmt.Printf("%s\t%.1f\n", name, float64(r.Bytes)*float64(r.N)/secs/1e6)
}

func benchCrypt(bc kcp.BlockCrypt) func(b *testing.B) {
	return func(b *testing.B) {
		data := make([]byte, mtuLimit)
		io.ReadFull(rand.Reader, data)
		dec := make([]byte, mtuLimit)
		enc := make([]byte, mtuLimit)
		b.SetBytes(int64(len(enc) * 2))
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			bc.Encrypt(enc, data)
			bc.Decrypt(dec, enc)
		}
	}
}

func must(bc kcp.BlockCrypt, err error) kcp.BlockCrypt {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	return bc
}

func main() {
	pass := pbkdf2.Key([]byte("it's a secrect"), []byte("kcp-go"), 4096, 32, sha1.New)
	ciphers := []struct {
		name string
		bc   kcp.BlockCrypt
	}{
		{"aes-128", must(kcp.NewAESBlockCrypt(pass[:16]))},
		{"aes", must(kcp.NewAESBlockCrypt(pass))},
		{"salsa20", must(kcp.NewSalsa20BlockCrypt(pass))},
		{"blowfish", must(kcp.NewBlowfishBlockCrypt(pass))},
		{"twofish", must(kcp.NewTwofishBlockCrypt(pass))},
		{"cast5", must(kcp.NewCast5BlockCrypt(pass[:16]))},
		{"3des", must(kcp.NewTripleDESBlockCrypt(pass[:24]))},
		{"tea", must(kcp.NewTEABlockCrypt(pass[:16]))},
		{"xtea", must(kcp.NewXTEABlockCrypt(pass[:16]))},
		{"sm4", must(kcp.NewSM4BlockCrypt(pass[:16]))},
		{"xor", must(kcp.NewSimpleXORBlockCrypt(pass))},
	}
	for _, c := range ciphers {
		report("cipher/"+c.name, testing.Benchmark(benchCrypt(c.bc)))
	}

	for _, size := range []int{1400, 64} {
		buf := make([]byte, size)
		io.ReadFull(rand.Reader, buf)
		report(fmt.Sprintf("crc32/%d", size), testing.Benchmark(func(b *testing.B) {
			b.SetBytes(int64(size))
			for i := 0; i < b.N; i++ {
				crc32.ChecksumIEEE(buf)
			}
		}))
		key := make([]byte, 32)
		report(fmt.Sprintf("highwayhash64/%d", size), testing.Benchmark(func(b *testing.B) {
			b.SetBytes(int64(size))
			for i := 0; i < b.N; i++ {
				highwayhash.Sum64(buf, key)
			}
		}))
	}

	// Reed-Solomon 10+3 x 1400: MB/s of data bytes (10 x 1400 per operation), as KcpLab's benchmark counts.
	enc, err := reedsolomon.New(10, 3)
	if err != nil {
		panic(err)
	}
	shards := make([][]byte, 13)
	for i := range shards {
		shards[i] = make([]byte, 1400)
		for j := range shards[i] {
			shards[i][j] = byte(i*31 + j*7 + 1)
		}
	}
	report("rs/encode", testing.Benchmark(func(b *testing.B) {
		b.SetBytes(10 * 1400)
		for i := 0; i < b.N; i++ {
			enc.Encode(shards)
		}
	}))
	enc.Encode(shards)
	work := make([][]byte, 13)
	report("rs/decode3", testing.Benchmark(func(b *testing.B) {
		b.SetBytes(10 * 1400)
		for i := 0; i < b.N; i++ {
			copy(work, shards)
			work[0], work[4], work[7] = work[0][:0], work[4][:0], work[7][:0] // three data shards lost
			if err := enc.ReconstructData(work); err != nil {
				panic(err)
			}
		}
	}))
}
