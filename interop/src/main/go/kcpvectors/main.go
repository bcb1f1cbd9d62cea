// Command kcpvectors makes the real kcp-go 5.6.1 (Debian's golang-github-xtaci-kcp-dev, built in GOPATH mode)
// produce golden bytes for KcpLab's tests. It runs kcp-go's own code; nothing of kcp-go is re-implemented here.
//
// kcp-go's FEC encoder and decoder are unexported, so this program binds to them with go:linkname (the empty
// stub.s lets the compiler accept the body-less declarations). That calls the exact functions UDPSession.output
// and UDPSession.kcpInput call, on packets of our choosing. The "session" command cross-checks the same encoder
// through the exported API: a real UDPSession writing into a PacketConn that captures datagrams.
//
// Protocol: one command per line on stdin; every command's answer ends with a line "end".
//
//	fec DS PS H          new fecEncoder(DS, PS, H)                       -> end
//	pkt HEX              encode one datagram (H+8 header bytes + KCP)   -> data HEX, parity HEX..., end
//	dec DS PS            new fecDecoder(DS, PS)                          -> end
//	in HEX               decode one packet (from its FEC header on)     -> rec HEX (full shard)..., end
//	crypt NAME KEY       kcptun's --crypt NAME with --key KEY            -> pass HEX, end
//	enc HEX              encrypt one packet in place                    -> cipher HEX | error MSG, end
//	session DS PS CRYPT  client UDPSession (CRYPT: none|off) on a capturing conn -> end
//	write N SEED         Write N deterministic bytes (message mode), wait until sent -> end
//	capture              the datagrams sent so far                      -> dgram HEX..., end
//	quit
package main

import (
	"bufio"
	"crypto/sha1"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"math/rand"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"

	kcp "github.com/xtaci/kcp-go"
	"golang.org/x/crypto/pbkdf2"
)

//go:linkname newFECEncoder github.com/xtaci/kcp-go.newFECEncoder
func newFECEncoder(dataShards, parityShards, offset int) unsafe.Pointer

//go:linkname fecEncode github.com/xtaci/kcp-go.(*fecEncoder).encode
func fecEncode(enc unsafe.Pointer, b []byte) [][]byte

//go:linkname newFECDecoder github.com/xtaci/kcp-go.newFECDecoder
func newFECDecoder(dataShards, parityShards int) unsafe.Pointer

//go:linkname fecDecode github.com/xtaci/kcp-go.(*fecDecoder).decode
func fecDecode(dec unsafe.Pointer, in []byte) [][]byte

// blockFor maps a cipher name and key exactly as kcptun's client/main.go does (unknown names mean aes).
func blockFor(name string, pass []byte) (kcp.BlockCrypt, error) {
	switch name {
	case "sm4":
		return kcp.NewSM4BlockCrypt(pass[:16])
	case "tea":
		return kcp.NewTEABlockCrypt(pass[:16])
	case "xor":
		return kcp.NewSimpleXORBlockCrypt(pass)
	case "none":
		return kcp.NewNoneBlockCrypt(pass)
	case "aes-128":
		return kcp.NewAESBlockCrypt(pass[:16])
	case "aes-192":
		return kcp.NewAESBlockCrypt(pass[:24])
	case "blowfish":
		return kcp.NewBlowfishBlockCrypt(pass)
	case "twofish":
		return kcp.NewTwofishBlockCrypt(pass)
	case "cast5":
		return kcp.NewCast5BlockCrypt(pass[:16])
	case "3des":
		return kcp.NewTripleDESBlockCrypt(pass[:24])
	case "xtea":
		return kcp.NewXTEABlockCrypt(pass[:16])
	case "salsa20":
		return kcp.NewSalsa20BlockCrypt(pass)
	default:
		return kcp.NewAESBlockCrypt(pass)
	}
}

// captureConn is a net.PacketConn that records every datagram written and delivers what is put in inbox.
type captureConn struct {
	mu        sync.Mutex
	dgrams    [][]byte
	handed    int // packets ReadFrom has returned
	processed int // packets the session has finished with: the read loop calls ReadFrom again only after that
	inbox     chan []byte
	closed    chan struct{}
}

type fakeAddr struct{}

func (fakeAddr) Network() string { return "udp" }
func (fakeAddr) String() string  { return "127.0.0.1:9" }

func (c *captureConn) ReadFrom(p []byte) (int, net.Addr, error) {
	c.mu.Lock()
	c.processed = c.handed // this call means every packet returned before it has been processed
	c.mu.Unlock()
	select {
	case b := <-c.inbox:
		c.mu.Lock()
		c.handed++
		c.mu.Unlock()
		return copy(p, b), fakeAddr{}, nil
	case <-c.closed:
		return 0, nil, errors.New("closed")
	}
}

// deliver hands one datagram to the session and waits until its read loop has processed it.
func (c *captureConn) deliver(b []byte) {
	c.mu.Lock()
	want := c.handed + 1 // only deliver hands out packets, one at a time
	c.mu.Unlock()
	c.inbox <- b
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		c.mu.Lock()
		done := c.processed >= want
		c.mu.Unlock()
		if done {
			return
		}
		time.Sleep(time.Millisecond)
	}
	fail(errors.New("the session did not read the injected packet"))
}

// windowTell is a KCP WINS segment (cmd 84) advertising a 4096-segment window, so that Write never blocks on
// the initial remote window of 32 (nothing ever acknowledges the captured packets).
func windowTell(conv uint32, crypt bool) []byte {
	seg := make([]byte, 24)
	binary.LittleEndian.PutUint32(seg, conv)
	seg[4] = 84
	binary.LittleEndian.PutUint16(seg[6:], 4096)
	if !crypt {
		return seg
	}
	pkt := make([]byte, 20, 44) // NoneBlockCrypt: zero nonce, CRC-32 of the rest, no encryption
	binary.LittleEndian.PutUint32(pkt[16:], crc32.ChecksumIEEE(seg))
	return append(pkt, seg...)
}
func (c *captureConn) WriteTo(p []byte, addr net.Addr) (int, error) {
	c.mu.Lock()
	c.dgrams = append(c.dgrams, append([]byte(nil), p...))
	c.mu.Unlock()
	return len(p), nil
}
func (c *captureConn) Close() error                       { return nil }
func (c *captureConn) LocalAddr() net.Addr                { return fakeAddr{} }
func (c *captureConn) SetDeadline(t time.Time) error      { return nil }
func (c *captureConn) SetReadDeadline(t time.Time) error  { return nil }
func (c *captureConn) SetWriteDeadline(t time.Time) error { return nil }

func (c *captureConn) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.dgrams)
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()

	var enc, dec unsafe.Pointer
	var block kcp.BlockCrypt
	var conn *captureConn
	var sess *kcp.UDPSession
	sent := 0

	for in.Scan() {
		f := strings.Fields(in.Text())
		if len(f) == 0 {
			continue
		}
		switch f[0] {
		case "fec":
			enc = newFECEncoder(atoi(f[1]), atoi(f[2]), atoi(f[3]))
		case "pkt":
			b := unhex(f[1])
			ps := fecEncode(enc, b)
			fmt.Fprintf(out, "data %x\n", b)
			for _, p := range ps {
				fmt.Fprintf(out, "parity %x\n", p)
			}
		case "dec":
			dec = newFECDecoder(atoi(f[1]), atoi(f[2]))
		case "in":
			for _, r := range fecDecode(dec, unhex(f[1])) {
				fmt.Fprintf(out, "rec %x\n", r)
			}
		case "crypt":
			key := ""
			if len(f) > 2 {
				key = f[2]
			}
			pass := pbkdf2.Key([]byte(key), []byte("kcp-go"), 4096, 32, sha1.New)
			var err error
			if block, err = blockFor(f[1], pass); err != nil {
				fail(err)
			}
			fmt.Fprintf(out, "pass %x\n", pass)
		case "enc":
			b := unhex(f[1])
			if err := safeEncrypt(block, b); err != nil {
				fmt.Fprintf(out, "error %v\n", strings.ReplaceAll(err.Error(), "\n", " "))
			} else {
				fmt.Fprintf(out, "cipher %x\n", b)
			}
		case "session":
			if sess != nil {
				sess.Close()
				close(conn.closed)
			}
			var bc kcp.BlockCrypt
			if f[3] == "none" {
				bc, _ = kcp.NewNoneBlockCrypt(nil)
			}
			conn = &captureConn{inbox: make(chan []byte), closed: make(chan struct{})}
			s, err := kcp.NewConn3(0x11223344, fakeAddr{}, bc, atoi(f[1]), atoi(f[2]), conn)
			if err != nil {
				fail(err)
			}
			sess = s
			sess.SetStreamMode(false)
			sess.SetWriteDelay(false)
			sess.SetNoDelay(1, 5000, 0, 1) // no congestion window; interval 5 s keeps timer flushes out
			sess.SetWindowSize(4096, 4096)
			conn.deliver(windowTell(0x11223344, bc != nil))
			sent = conn.count()
		case "write":
			n, seed := atoi(f[1]), atoi(f[2])
			payload := make([]byte, n)
			rand.New(rand.NewSource(int64(seed))).Read(payload)
			if _, err := sess.Write(payload); err != nil {
				fail(err)
			}
			sent++
			deadline := time.Now().Add(5 * time.Second)
			for conn.count() < sent && time.Now().Before(deadline) {
				time.Sleep(time.Millisecond)
			}
		case "capture":
			conn.mu.Lock()
			for _, d := range conn.dgrams {
				fmt.Fprintf(out, "dgram %x\n", d)
			}
			conn.mu.Unlock()
		case "quit":
			fmt.Fprintln(out, "end")
			return
		default:
			fail(fmt.Errorf("unknown command %q", f[0]))
		}
		fmt.Fprintln(out, "end")
		out.Flush()
	}
}

func safeEncrypt(block kcp.BlockCrypt, b []byte) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	block.Encrypt(b, b)
	return nil
}

func atoi(s string) int {
	v, err := strconv.Atoi(s)
	if err != nil {
		fail(err)
	}
	return v
}

func unhex(s string) []byte {
	if s == "-" {
		return []byte{}
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		fail(err)
	}
	return b
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "kcpvectors:", err)
	os.Exit(2)
}
