// Command kcppeer is a real kcp-go 5.6.1 peer over UDP (Debian's golang-github-xtaci-kcp-dev, built offline in
// GOPATH mode): kcp-go's own UDPSession and Listener, with kcptun's cipher names and key derivation, FEC, the
// mode presets, windows, MTU, stream mode and ack-no-delay. KcpLab's Java stack is tested against it.
//
// Modes (first argument), the same as the C peer (ikcp_udp_peer.c) so that tests can swap one for the other:
//
//	bulk-client  send --bytes N of the seeded stream to --connect; optionally read an echo (--echo) or a reply
//	             (--recv-bytes M [--recv-seed S2]) and verify it; prints one JSON "result" line.
//	sink-server  per conversation: receive --bytes N (verified against --seed unless --no-verify) while sending
//	             --reply-bytes M of the --reply-seed stream; a JSON "session" line each, a "result" line at the end.
//	echo-server  per conversation: write back everything read.
//	bench        a listener and a client in this process on 127.0.0.1: the client sends --bytes N, the server
//	             reads them; prints goodput and the process CPU time (getrusage) as one JSON "bench" line.
//
// Servers print {"event":"listening","port":P} first (--bind 127.0.0.1:0 picks a free port) and stop after
// --sessions finished conversations (0: at SIGTERM/SIGINT, which prints the result and exits 0).
//
// The data stream: splitmix64 seeded with --seed, each 64-bit output little-endian, concatenated (the same bytes
// as the C peer for the same seed). Message mode (default) writes messages of --msg-size bytes (at most the
// session's mss, since kcp-go's Write cuts larger buffers into mss-sized messages); receivers check each size.
//
// --crypt off (the default) means no BlockCrypt at all: plain KCP datagrams, the "raw" wire the C peer speaks,
// as long as FEC is off too. Any other name is kcptun's: the key is PBKDF2-HMAC-SHA1(--key, "kcp-go", 4096, 32)
// and "none" still sends the 20-byte nonce+CRC header. Unknown names are a usage error (kcptun would use aes).
//
// Exit codes: 0 ok, 1 verification failure, 2 usage, 3 timeout (--timeout ms).
package main

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"hash"
	"math"
	"net"
	"os"
	"os/signal"
	"reflect"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"

	kcp "github.com/xtaci/kcp-go"
	"golang.org/x/crypto/pbkdf2"
)

const (
	exitOK      = 0
	exitVerify  = 1
	exitUsage   = 2
	exitTimeout = 3
	unbounded   = math.MaxUint64
)

// ------------------------------------------------------------------ options

type options struct {
	role                      string
	bind, connect             string
	crypt, key                string
	dataShards, parityShards  int
	mode                      string
	nodelay, interval, resend int
	nc                        int
	sndwnd, rcvwnd, mtu       int
	stream, ackNoDelay        bool
	msgSize                   int
	conv                      uint
	bytes, recvBytes          uint64
	replyBytes                uint64
	seed, recvSeed, replySeed uint64
	echo, noVerify            bool
	timeoutMs, idleMs         int
	lingerMs                  int
	sessions                  int
	sockbuf                   int
	set                       map[string]bool
}

var opt options

func usage(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "kcppeer: "+format+"\n", args...)
	fmt.Fprintln(os.Stderr, "usage: kcppeer bulk-client|sink-server|echo-server|bench [options]; -h lists the options")
	os.Exit(exitUsage)
}

var presets = map[string][4]int{
	"default": {0, 100, 0, 0},
	"normal":  {0, 40, 2, 1},
	"fast":    {0, 30, 2, 1},
	"fast2":   {1, 20, 2, 1},
	"fast3":   {1, 10, 2, 1},
}

func parseArgs(args []string) {
	if len(args) < 1 {
		usage("missing mode")
	}
	opt.role = args[0]
	switch opt.role {
	case "bulk-client", "sink-server", "echo-server", "bench":
	default:
		usage("unknown mode %q", opt.role)
	}
	fs := flag.NewFlagSet("kcppeer "+opt.role, flag.ContinueOnError)
	defBind := "127.0.0.1:0"
	if opt.role == "bulk-client" {
		defBind = "0.0.0.0:0"
	}
	fs.StringVar(&opt.bind, "bind", defBind, "local HOST:PORT")
	fs.StringVar(&opt.connect, "connect", "", "server HOST:PORT (bulk-client)")
	fs.StringVar(&opt.crypt, "crypt", "off", "off (no BlockCrypt: raw KCP) or kcptun's: none aes aes-128 aes-192 salsa20 blowfish twofish cast5 3des tea xtea sm4 xor")
	fs.StringVar(&opt.key, "key", "it's a secrect", "pre-shared secret (kcptun's default)")
	fs.IntVar(&opt.dataShards, "datashard", 0, "FEC data shards (0: FEC off)")
	fs.IntVar(&opt.parityShards, "parityshard", 0, "FEC parity shards (0: FEC off)")
	fs.StringVar(&opt.mode, "mode", "default", "default normal fast fast2 fast3 (--nodelay etc. override)")
	fs.IntVar(&opt.nodelay, "nodelay", 0, "KCP nodelay")
	fs.IntVar(&opt.interval, "interval", 100, "KCP interval ms")
	fs.IntVar(&opt.resend, "resend", 0, "KCP fast resend")
	fs.IntVar(&opt.nc, "nc", 0, "1: congestion control off")
	fs.IntVar(&opt.sndwnd, "sndwnd", 32, "send window (segments)")
	fs.IntVar(&opt.rcvwnd, "rcvwnd", 32, "receive window (segments)")
	fs.IntVar(&opt.mtu, "mtu", 1400, "MTU (UDP payload bytes, <= 1500)")
	fs.BoolVar(&opt.stream, "stream", false, "stream mode (SetStreamMode(true))")
	fs.BoolVar(&opt.ackNoDelay, "ack-nodelay", false, "SetACKNoDelay(true)")
	fs.IntVar(&opt.msgSize, "msg-size", 0, "message size in message mode (default and maximum: the mss)")
	fs.UintVar(&opt.conv, "conv", 0, "conversation id of a bulk-client (default: kcp-go's random one)")
	fs.Uint64Var(&opt.bytes, "bytes", 0, "bytes to send (client) / receive (sink) / echo then finish (echo)")
	fs.Uint64Var(&opt.seed, "seed", 1, "seed of the sent (client) / expected (sink) stream")
	fs.BoolVar(&opt.echo, "echo", false, "bulk-client: read the echo of what it sent and verify it")
	fs.Uint64Var(&opt.recvBytes, "recv-bytes", 0, "bulk-client: bytes to read back (a sink-server's reply)")
	fs.Uint64Var(&opt.recvSeed, "recv-seed", 0, "bulk-client: seed of the reply (verified when given)")
	fs.Uint64Var(&opt.replyBytes, "reply-bytes", 0, "sink-server: bytes to send back")
	fs.Uint64Var(&opt.replySeed, "reply-seed", 2, "sink-server: seed of the reply")
	fs.BoolVar(&opt.noVerify, "no-verify", false, "do not compare received bytes with the seeded stream")
	fs.IntVar(&opt.timeoutMs, "timeout", 60000, "give up (exit 3) after this many ms")
	fs.IntVar(&opt.idleMs, "idle", 10000, "servers: a conversation silent this long is over")
	fs.IntVar(&opt.lingerMs, "linger", 1000, "after finishing, answer retransmissions for up to this many ms")
	fs.IntVar(&opt.sessions, "sessions", -1, "servers: stop after this many conversations (0: never; default 1 for sink, 0 for echo)")
	fs.IntVar(&maxConnsIgnored, "max-conns", 128, "accepted for compatibility with the C peer (kcp-go's backlog is 128)")
	fs.IntVar(&opt.sockbuf, "sockbuf", 4<<20, "socket buffer bytes")
	if err := fs.Parse(args[1:]); err != nil {
		os.Exit(exitUsage)
	}
	if fs.NArg() > 0 {
		usage("unexpected argument %q", fs.Arg(0))
	}
	opt.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { opt.set[f.Name] = true })
	p, ok := presets[opt.mode]
	if !ok {
		usage("unknown mode %q; accepted: default, normal, fast, fast2, fast3", opt.mode)
	}
	if !opt.set["nodelay"] {
		opt.nodelay = p[0]
	}
	if !opt.set["interval"] {
		opt.interval = p[1]
	}
	if !opt.set["resend"] {
		opt.resend = p[2]
	}
	if !opt.set["nc"] {
		opt.nc = p[3]
	}
	if opt.mtu > 1500 || opt.mtu < 64 {
		usage("--mtu must be in [64, 1500]")
	}
	if opt.role == "bulk-client" && opt.connect == "" {
		usage("bulk-client needs --connect HOST:PORT")
	}
	if opt.echo && opt.recvBytes > 0 {
		usage("--echo and --recv-bytes exclude each other")
	}
	if opt.sessions < 0 {
		if opt.role == "echo-server" {
			opt.sessions = 0
		} else {
			opt.sessions = 1
		}
	}
	if _, err := blockFor(opt.crypt); err != nil {
		usage("%v", err)
	}
	mss := opt.mtu - 24 - headerSize()
	if opt.msgSize == 0 {
		opt.msgSize = mss
	}
	if !opt.stream && opt.msgSize > mss {
		usage("--msg-size %d exceeds the mss %d: kcp-go's Write would cut it into several messages", opt.msgSize, mss)
	}
}

var maxConnsIgnored int

func fecOn() bool { return opt.dataShards > 0 && opt.parityShards > 0 }

func headerSize() int {
	h := 0
	if opt.crypt != "off" {
		h += 20
	}
	if fecOn() {
		h += 8
	}
	return h
}

// blockFor maps --crypt the way kcptun does (pass = PBKDF2-HMAC-SHA1(key, "kcp-go", 4096, 32)); "off" is nil.
func blockFor(name string) (kcp.BlockCrypt, error) {
	if name == "off" {
		return nil, nil
	}
	pass := pbkdf2.Key([]byte(opt.key), []byte("kcp-go"), 4096, 32, sha1.New)
	switch name {
	case "none":
		return kcp.NewNoneBlockCrypt(pass)
	case "aes":
		return kcp.NewAESBlockCrypt(pass)
	case "aes-128":
		return kcp.NewAESBlockCrypt(pass[:16])
	case "aes-192":
		return kcp.NewAESBlockCrypt(pass[:24])
	case "salsa20":
		return kcp.NewSalsa20BlockCrypt(pass)
	case "blowfish":
		return kcp.NewBlowfishBlockCrypt(pass)
	case "twofish":
		return kcp.NewTwofishBlockCrypt(pass)
	case "cast5":
		return kcp.NewCast5BlockCrypt(pass[:16])
	case "3des":
		return kcp.NewTripleDESBlockCrypt(pass[:24])
	case "tea":
		return kcp.NewTEABlockCrypt(pass[:16])
	case "xtea":
		return kcp.NewXTEABlockCrypt(pass[:16])
	case "sm4":
		return kcp.NewSM4BlockCrypt(pass[:16])
	case "xor":
		return kcp.NewSimpleXORBlockCrypt(pass)
	}
	return nil, fmt.Errorf("unknown --crypt %q; accepted: off none aes aes-128 aes-192 salsa20 blowfish twofish cast5 3des tea xtea sm4 xor", name)
}

func configure(s *kcp.UDPSession) {
	s.SetStreamMode(opt.stream)
	s.SetWriteDelay(false)
	s.SetNoDelay(opt.nodelay, opt.interval, opt.resend, opt.nc)
	s.SetWindowSize(opt.sndwnd, opt.rcvwnd)
	s.SetMtu(opt.mtu)
	s.SetACKNoDelay(opt.ackNoDelay)
}

// waitSnd reads kcp-go's unexported engine under the session's own lock (the session has no exported WaitSnd):
// segments queued or in flight, not yet acknowledged.
func waitSnd(s *kcp.UDPSession) int {
	v := reflect.ValueOf(s).Elem()
	mu := (*sync.Mutex)(unsafe.Pointer(v.FieldByName("mu").UnsafeAddr()))
	engine := *(**kcp.KCP)(unsafe.Pointer(v.FieldByName("kcp").UnsafeAddr()))
	mu.Lock()
	defer mu.Unlock()
	return engine.WaitSnd()
}

// ------------------------------------------------------------------ the seeded stream

type streamRng struct {
	state uint64
	cur   [8]byte
	off   int
}

func newRng(seed uint64) *streamRng { return &streamRng{state: seed, off: 8} }

func (r *streamRng) fill(p []byte) {
	for i := range p {
		if r.off == 8 {
			r.state += 0x9E3779B97F4A7C15
			z := r.state
			z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
			z = (z ^ (z >> 27)) * 0x94D049BB133111EB
			z ^= z >> 31
			for j := 0; j < 8; j++ {
				r.cur[j] = byte(z >> (8 * j))
			}
			r.off = 0
		}
		p[i] = r.cur[r.off]
		r.off++
	}
}

// ------------------------------------------------------------------ output

var outMu sync.Mutex

func emit(v interface{}) {
	b, _ := json.Marshal(v)
	outMu.Lock()
	os.Stdout.Write(append(b, '\n'))
	outMu.Unlock()
}

type convReport struct {
	Event            string  `json:"event"`
	Peer             string  `json:"peer"`
	Role             string  `json:"role"`
	OK               bool    `json:"ok"`
	Error            string  `json:"error"`
	Conv             uint32  `json:"conv"`
	Remote           string  `json:"remote"`
	Stream           bool    `json:"stream"`
	Crypt            string  `json:"crypt"`
	DataShards       int     `json:"datashard"`
	ParityShards     int     `json:"parityshard"`
	Sent             uint64  `json:"sent"`
	Received         uint64  `json:"received"`
	MessagesSent     uint64  `json:"messages_sent"`
	MessagesReceived uint64  `json:"messages_received"`
	Sha256Sent       string  `json:"sha256_sent"`
	Sha256Received   string  `json:"sha256_received"`
	ElapsedMs        float64 `json:"elapsed_ms"`
	SendDoneMs       float64 `json:"send_done_ms"`
	RecvDoneMs       float64 `json:"recv_done_ms"`
	GoodputMBps      float64 `json:"goodput_MBps"`
	Retrans          uint64  `json:"retrans"`
	FECRecovered     uint64  `json:"fec_recovered"`
}

type serverResult struct {
	Event     string  `json:"event"`
	Peer      string  `json:"peer"`
	Role      string  `json:"role"`
	OK        bool    `json:"ok"`
	Error     string  `json:"error"`
	Sessions  int     `json:"sessions"`
	Failed    int     `json:"failed"`
	Stopped   bool    `json:"stopped"`
	ElapsedMs float64 `json:"elapsed_ms"`
}

func ms(d time.Duration) float64 { return math.Round(float64(d.Microseconds())/100) / 10 }

// ------------------------------------------------------------------ one conversation

type plan struct {
	sendTotal, recvTotal uint64
	sendSeed, recvSeed   uint64
	verify, echo         bool
}

type conversation struct {
	s      *kcp.UDPSession
	p      plan
	server bool
	start  time.Time

	mu                        sync.Mutex
	err                       string
	sent, received            uint64
	msgsSent, msgsReceived    uint64
	sendSha, recvSha          hash.Hash
	sendDone, recvDone, ended time.Duration
}

func (c *conversation) fail(format string, args ...interface{}) {
	c.mu.Lock()
	if c.err == "" {
		c.err = fmt.Sprintf(format, args...)
	}
	c.mu.Unlock()
}

func (c *conversation) failed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err != ""
}

func newConversation(s *kcp.UDPSession, p plan, server bool) *conversation {
	return &conversation{s: s, p: p, server: server, start: time.Now(),
		sendSha: sha256.New(), recvSha: sha256.New(),
		sendDone: -1, recvDone: -1}
}

// run performs the plan; it returns when everything was received and everything sent was acknowledged (or the
// peer fell silent after taking all of it, for servers), or on failure.
func (c *conversation) run() {
	var wg sync.WaitGroup
	if !c.p.echo && c.p.sendTotal > 0 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.writeAll()
		}()
	} else if !c.p.echo {
		c.sendDone = 0
	}
	c.readAll()
	wg.Wait()
	// wait for the acknowledgements of the last data sent
	quietSince := time.Now()
	lastIn := atomic.LoadUint64(&kcp.DefaultSnmp.InPkts)
	for !c.failed() && waitSnd(c.s) > 0 {
		time.Sleep(2 * time.Millisecond)
		if in := atomic.LoadUint64(&kcp.DefaultSnmp.InPkts); in != lastIn {
			lastIn, quietSince = in, time.Now()
		} else if c.server && time.Since(quietSince) >= time.Duration(opt.idleMs)*time.Millisecond {
			break // the peer took everything it asked for and left
		}
	}
	if c.sendDone < 0 && !c.p.echo && c.sent >= c.p.sendTotal && waitSnd(c.s) == 0 {
		c.sendDone = time.Since(c.start)
	}
	c.ended = time.Since(c.start)
}

func (c *conversation) writeAll() {
	rng := newRng(c.p.sendSeed)
	chunk := opt.msgSize
	if opt.stream {
		chunk = 32 * 1024
	}
	buf := make([]byte, chunk)
	for c.sent < c.p.sendTotal && !c.failed() {
		n := uint64(chunk)
		if left := c.p.sendTotal - c.sent; left < n {
			n = left
		}
		b := buf[:n]
		rng.fill(b)
		if _, err := c.s.Write(b); err != nil {
			c.fail("write after %d bytes: %v", c.sent, err)
			return
		}
		c.sendSha.Write(b)
		c.mu.Lock()
		c.sent += n
		c.msgsSent++
		c.mu.Unlock()
	}
}

func (c *conversation) readAll() {
	buf := make([]byte, 1<<20)
	var verifyRng *streamRng
	var expect []byte
	if c.p.verify {
		verifyRng = newRng(c.p.recvSeed)
		expect = make([]byte, len(buf))
	}
	for c.received < c.p.recvTotal && !c.failed() {
		if c.server {
			c.s.SetReadDeadline(time.Now().Add(time.Duration(opt.idleMs) * time.Millisecond))
		}
		n, err := c.s.Read(buf)
		if err != nil {
			if c.p.recvTotal == unbounded && c.server {
				return // an echo conversation ends when the client falls silent
			}
			c.fail("read after %d of %d bytes: %v", c.received, c.p.recvTotal, err)
			return
		}
		b := buf[:n]
		if !opt.stream && !c.p.echo && c.p.recvTotal != unbounded {
			want := uint64(opt.msgSize)
			if left := c.p.recvTotal - c.received; left < want {
				want = left
			}
			if uint64(n) != want {
				c.fail("message %d has %d bytes, expected %d (message boundary lost)", c.msgsReceived, n, want)
			}
		}
		if c.p.recvTotal != unbounded && c.received+uint64(n) > c.p.recvTotal {
			c.fail("received more than the %d bytes expected", c.p.recvTotal)
		}
		if verifyRng != nil && !c.failed() {
			e := expect[:n]
			verifyRng.fill(e)
			for i := range b {
				if b[i] != e[i] {
					c.fail("received byte %d differs from the seeded stream", c.received+uint64(i))
					break
				}
			}
		}
		c.recvSha.Write(b)
		c.mu.Lock()
		c.received += uint64(n)
		c.msgsReceived++
		c.mu.Unlock()
		if c.p.echo {
			if _, err := c.s.Write(b); err != nil {
				c.fail("echo write: %v", err)
				return
			}
			c.sendSha.Write(b)
			c.mu.Lock()
			c.sent += uint64(n)
			c.msgsSent++
			c.mu.Unlock()
		}
		if c.received >= c.p.recvTotal {
			c.recvDone = time.Since(c.start)
		}
	}
	if c.p.recvTotal == 0 {
		c.recvDone = 0
	}
}

func (c *conversation) report(event string) convReport {
	c.mu.Lock()
	defer c.mu.Unlock()
	elapsed := c.ended
	if elapsed <= 0 {
		elapsed = time.Since(c.start)
	}
	r := convReport{Event: event, Peer: "go-kcp", Role: opt.role, OK: c.err == "", Error: c.err,
		Conv: c.s.GetConv(), Remote: c.s.RemoteAddr().String(), Stream: opt.stream, Crypt: opt.crypt,
		DataShards: opt.dataShards, ParityShards: opt.parityShards, Sent: c.sent, Received: c.received,
		MessagesSent: c.msgsSent, MessagesReceived: c.msgsReceived,
		Sha256Sent: hex.EncodeToString(c.sendSha.Sum(nil)), Sha256Received: hex.EncodeToString(c.recvSha.Sum(nil)),
		ElapsedMs: ms(elapsed), SendDoneMs: -1, RecvDoneMs: -1,
		Retrans:      atomic.LoadUint64(&kcp.DefaultSnmp.RetransSegs),
		FECRecovered: atomic.LoadUint64(&kcp.DefaultSnmp.FECRecovered)}
	if c.sendDone >= 0 {
		r.SendDoneMs = ms(c.sendDone)
	}
	if c.recvDone >= 0 {
		r.RecvDoneMs = ms(c.recvDone)
	}
	if elapsed > 0 {
		r.GoodputMBps = math.Round(float64(c.sent+c.received)/elapsed.Seconds()/1e3) / 1e3
	}
	return r
}

// lingerQuiet keeps the process (and kcp-go's goroutines, which answer with ACKs) alive until no datagram has
// arrived for 200 ms, at most --linger ms.
func lingerQuiet() {
	deadline := time.Now().Add(time.Duration(opt.lingerMs) * time.Millisecond)
	last := atomic.LoadUint64(&kcp.DefaultSnmp.InPkts)
	quiet := time.Now()
	for time.Now().Before(deadline) && time.Since(quiet) < 200*time.Millisecond {
		time.Sleep(5 * time.Millisecond)
		if in := atomic.LoadUint64(&kcp.DefaultSnmp.InPkts); in != last {
			last, quiet = in, time.Now()
		}
	}
}

// ------------------------------------------------------------------ modes

func runClient() int {
	block, _ := blockFor(opt.crypt)
	var s *kcp.UDPSession
	var err error
	if opt.set["conv"] || opt.set["bind"] {
		laddr, e := net.ResolveUDPAddr("udp4", opt.bind)
		if e != nil {
			usage("bad --bind: %v", e)
		}
		raddr, e := net.ResolveUDPAddr("udp4", opt.connect)
		if e != nil {
			usage("bad --connect: %v", e)
		}
		conn, e := net.ListenUDP("udp4", laddr)
		if e != nil {
			usage("bind %s: %v", opt.bind, e)
		}
		conn.SetReadBuffer(opt.sockbuf)
		conn.SetWriteBuffer(opt.sockbuf)
		conv := uint32(opt.conv)
		if !opt.set["conv"] {
			conv = uint32(time.Now().UnixNano()) ^ uint32(os.Getpid())*2654435761
		}
		s, err = kcp.NewConn3(conv, raddr, block, opt.dataShards, opt.parityShards, conn)
	} else {
		s, err = kcp.DialWithOptions(opt.connect, block, opt.dataShards, opt.parityShards)
		if err == nil {
			s.SetReadBuffer(opt.sockbuf)
			s.SetWriteBuffer(opt.sockbuf)
		}
	}
	if err != nil {
		usage("dial %s: %v", opt.connect, err)
	}
	configure(s)
	p := plan{sendTotal: opt.bytes, sendSeed: opt.seed}
	if opt.echo {
		p.recvTotal, p.recvSeed, p.verify = opt.bytes, opt.seed, !opt.noVerify
	} else {
		p.recvTotal, p.recvSeed, p.verify = opt.recvBytes, opt.recvSeed, !opt.noVerify && opt.set["recv-seed"]
	}
	c := newConversation(s, p, false)
	done := make(chan struct{})
	go func() {
		c.run()
		close(done)
	}()
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	code := exitOK
	select {
	case <-done:
		lingerQuiet()
	case <-time.After(time.Duration(opt.timeoutMs) * time.Millisecond):
		c.fail("timeout after %d ms: sent %d of %d (%d unacked), received %d of %d", opt.timeoutMs,
			c.sent, p.sendTotal, waitSnd(s), c.received, p.recvTotal)
		code = exitTimeout
	case <-stop:
		c.fail("stopped before the transfer completed")
	}
	r := c.report("result")
	emit(r)
	if code == exitOK && !r.OK {
		code = exitVerify
	}
	return code
}

func runServer() int {
	block, _ := blockFor(opt.crypt)
	l, err := kcp.ListenWithOptions(opt.bind, block, opt.dataShards, opt.parityShards)
	if err != nil {
		usage("listen %s: %v", opt.bind, err)
	}
	l.SetReadBuffer(opt.sockbuf)
	l.SetWriteBuffer(opt.sockbuf)
	start := time.Now()
	emit(map[string]interface{}{"event": "listening", "peer": "go-kcp", "role": opt.role,
		"port": l.Addr().(*net.UDPAddr).Port})

	var mu sync.Mutex
	var active []*conversation
	finished, failures := 0, 0
	allDone := make(chan struct{})
	var doneOnce sync.Once
	go func() {
		for {
			s, err := l.AcceptKCP()
			if err != nil {
				return
			}
			configure(s)
			p := plan{}
			if opt.role == "echo-server" {
				p.echo = true
				p.recvTotal = unbounded
				if opt.bytes > 0 {
					p.recvTotal = opt.bytes
				}
			} else {
				p.recvTotal, p.recvSeed, p.verify = opt.bytes, opt.seed, !opt.noVerify
				p.sendTotal, p.sendSeed = opt.replyBytes, opt.replySeed
			}
			c := newConversation(s, p, true)
			mu.Lock()
			active = append(active, c)
			mu.Unlock()
			go func() {
				c.run()
				r := c.report("session")
				emit(r)
				mu.Lock()
				finished++
				if !r.OK {
					failures++
				}
				for i, a := range active {
					if a == c {
						active = append(active[:i], active[i+1:]...)
						break
					}
				}
				if opt.sessions > 0 && finished >= opt.sessions {
					doneOnce.Do(func() { close(allDone) })
				}
				mu.Unlock()
				go func() {
					// keep answering the peer's retransmissions for a while, then free the session
					time.Sleep(time.Duration(opt.idleMs) * time.Millisecond)
					s.Close()
				}()
			}()
		}
	}()

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	timedOut, stopped := false, false
	select {
	case <-allDone:
		lingerQuiet()
	case <-time.After(time.Duration(opt.timeoutMs) * time.Millisecond):
		timedOut = true
	case <-stop:
		stopped = true
	}
	mu.Lock()
	defer mu.Unlock()
	for _, c := range active {
		if !c.p.echo || c.p.recvTotal != unbounded {
			if c.received < c.p.recvTotal || c.sent < c.p.sendTotal {
				c.fail("%s before the conversation completed", map[bool]string{true: "timeout", false: "stopped"}[timedOut])
				failures++
			}
		}
		emit(c.report("session"))
	}
	incomplete := opt.sessions > 0 && finished < opt.sessions
	res := serverResult{Event: "result", Peer: "go-kcp", Role: opt.role, OK: failures == 0 && !(timedOut && incomplete),
		Sessions: finished, Failed: failures, Stopped: stopped, ElapsedMs: ms(time.Since(start))}
	if timedOut && incomplete {
		res.Error = "timeout"
	} else if failures > 0 {
		res.Error = "a conversation failed"
	}
	emit(res)
	if failures > 0 {
		return exitVerify
	}
	if timedOut && incomplete {
		return exitTimeout
	}
	return exitOK
}

type benchResult struct {
	Event        string  `json:"event"`
	Peer         string  `json:"peer"`
	OK           bool    `json:"ok"`
	Error        string  `json:"error"`
	Bytes        uint64  `json:"bytes"`
	Crypt        string  `json:"crypt"`
	DataShards   int     `json:"datashard"`
	ParityShards int     `json:"parityshard"`
	Mode         string  `json:"mode"`
	Stream       bool    `json:"stream"`
	Sndwnd       int     `json:"sndwnd"`
	Rcvwnd       int     `json:"rcvwnd"`
	Mtu          int     `json:"mtu"`
	ElapsedMs    float64 `json:"elapsed_ms"`
	GoodputMBps  float64 `json:"goodput_MBps"`
	CPUUserS     float64 `json:"cpu_user_s"`
	CPUSysS      float64 `json:"cpu_sys_s"`
	CPUS         float64 `json:"cpu_s"`
	Sha256       string  `json:"sha256"`
	Retrans      uint64  `json:"retrans"`
}

func cpuSeconds() (user, sys float64) {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Sec) + float64(ru.Utime.Usec)/1e6, float64(ru.Stime.Sec) + float64(ru.Stime.Usec)/1e6
}

func runBench() int {
	block, _ := blockFor(opt.crypt)
	l, err := kcp.ListenWithOptions("127.0.0.1:0", block, opt.dataShards, opt.parityShards)
	if err != nil {
		usage("listen: %v", err)
	}
	l.SetReadBuffer(opt.sockbuf)
	l.SetWriteBuffer(opt.sockbuf)
	cli, err := kcp.DialWithOptions(l.Addr().String(), block, opt.dataShards, opt.parityShards)
	if err != nil {
		usage("dial: %v", err)
	}
	cli.SetReadBuffer(opt.sockbuf)
	cli.SetWriteBuffer(opt.sockbuf)
	configure(cli)
	total := opt.bytes
	if total == 0 {
		total = 64 << 20
	}
	res := benchResult{Event: "bench", Peer: "go-kcp", Bytes: total, Crypt: opt.crypt, DataShards: opt.dataShards,
		ParityShards: opt.parityShards, Mode: opt.mode, Stream: opt.stream, Sndwnd: opt.sndwnd, Rcvwnd: opt.rcvwnd, Mtu: opt.mtu}
	u0, s0 := cpuSeconds()
	start := time.Now()
	srvDone := make(chan error, 1)
	var gotSha []byte
	go func() {
		s, err := l.AcceptKCP()
		if err != nil {
			srvDone <- err
			return
		}
		configure(s)
		h := sha256.New()
		buf := make([]byte, 1<<20)
		var got uint64
		for got < total {
			n, err := s.Read(buf)
			if err != nil {
				srvDone <- err
				return
			}
			h.Write(buf[:n])
			got += uint64(n)
		}
		gotSha = h.Sum(nil)
		srvDone <- nil
	}()
	go func() {
		rng := newRng(opt.seed)
		chunk := opt.msgSize
		if opt.stream {
			chunk = 32 * 1024
		}
		buf := make([]byte, chunk)
		for sent := uint64(0); sent < total; {
			n := uint64(chunk)
			if total-sent < n {
				n = total - sent
			}
			rng.fill(buf[:n])
			if _, err := cli.Write(buf[:n]); err != nil {
				srvDone <- err
				return
			}
			sent += n
		}
	}()
	code := exitOK
	select {
	case err := <-srvDone:
		if err != nil {
			res.Error = err.Error()
			code = exitVerify
		}
	case <-time.After(time.Duration(opt.timeoutMs) * time.Millisecond):
		res.Error = "timeout"
		code = exitTimeout
	}
	elapsed := time.Since(start)
	u1, s1 := cpuSeconds()
	res.ElapsedMs = ms(elapsed)
	res.GoodputMBps = math.Round(float64(total)/elapsed.Seconds()/1e3) / 1e3
	res.CPUUserS, res.CPUSysS = u1-u0, s1-s0
	res.CPUS = res.CPUUserS + res.CPUSysS
	res.Retrans = atomic.LoadUint64(&kcp.DefaultSnmp.RetransSegs)
	if code == exitOK {
		res.Sha256 = hex.EncodeToString(gotSha)
		want := sha256.New()
		rng := newRng(opt.seed)
		buf := make([]byte, 1<<20)
		for left := total; left > 0; {
			n := uint64(len(buf))
			if left < n {
				n = left
			}
			rng.fill(buf[:n])
			want.Write(buf[:n])
			left -= n
		}
		if hex.EncodeToString(want.Sum(nil)) != res.Sha256 {
			res.Error = "the received bytes differ from the seeded stream"
			code = exitVerify
		}
	}
	res.OK = code == exitOK
	emit(res)
	return code
}

func main() {
	parseArgs(os.Args[1:])
	var code int
	switch opt.role {
	case "bulk-client":
		code = runClient()
	case "bench":
		code = runBench()
	default:
		code = runServer()
	}
	os.Stdout.Sync()
	os.Exit(code)
}
