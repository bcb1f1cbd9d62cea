// Command kcpsess is the kcp-go 5.6.1 side of KcpLab's session benchmarks (benchmarks/sessions.sh): kcp-go's own
// UDPSession and Listener (Debian's golang-github-xtaci-kcp-dev, built offline in GOPATH mode like kcppeer), with
// kcptun's cipher names and key derivation. Every mode prints JSON lines; the Java side
// (io.kcplab.bench.session) runs the same workloads on KcpLab sessions.
//
// Modes (first argument):
//
//	bulk           a listener and a client in this process on 127.0.0.1 (like kcppeer's bench): the client writes
//	               --bytes N in 32 KiB stream writes from a pre-filled buffer, the server reads them in 1 MiB reads
//	               and only counts (no per-byte generation or hashing, so the CPU measured is the stack's).
//	               Prints {"event":"bulk", goodput_MBps, cpu_s (getrusage, user+sys, whole process), ...}.
//	speed          kcp-go's BenchmarkEchoSpeed*/BenchmarkSinkSpeed* workloads (sess_test.go), each on a fresh
//	               listener + client in this process: --kind echo|sink, --sizes 4096,65536,...; each size runs
//	               --warmup-ms untimed then --ms timed on a new pair. Echo: client salsa20 + FEC 10/3, listener
//	               salsa20 + 10/0, messages of the size written and read back one at a time. Sink: no cipher, no
//	               FEC, the client writes buffers of the size. Prints {"event":"speed", kind, size, MBps}.
//	echo-listener  a listener (--crypt, --datashard/--parityshard, KCP settings as given) whose sessions write back
//	               everything they read, one goroutine per session (kcp-go's idiom); prints {"event":"listening",
//	               "port":P} and runs until SIGTERM/SIGINT.
//	echo-clients   --sessions N dialled sessions (each its own UDP socket) to --connect, each writing one --size
//	               byte message per --period-ms (staggered over the period) and reading its echo; after
//	               --warmup-ms of load it samples the CPU time of --server-pid (/proc/PID/stat utime+stime) for
//	               --ms, then prints {"event":"result", server_cpu_s, wall_s, echoes, expected, rtt percentiles};
//	               an echo missing for 10 s is counted in "timeouts" and the session goes on.
//
// Exit codes: 0 ok, 1 failure, 2 usage.
package main

import (
	"crypto/sha1"
	"encoding/json"
	"flag"
	"fmt"
	"io/ioutil"
	"math"
	"math/rand"
	"net"
	"os"
	"os/signal"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	kcp "github.com/xtaci/kcp-go"
	"golang.org/x/crypto/pbkdf2"
)

type options struct {
	role                      string
	bind, connect             string
	crypt, key                string
	dataShards, parityShards  int
	nodelay, interval, resend int
	nc                        int
	sndwnd, rcvwnd, mtu       int
	stream, ackNoDelay        bool
	bytes                     uint64
	sockbuf                   int
	kind, sizes               string
	ms, warmupMs              int
	sessions, size, periodMs  int
	serverPid                 int
	timeoutMs                 int
}

var opt options

func usage(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "kcpsess: "+format+"\n", args...)
	fmt.Fprintln(os.Stderr, "usage: kcpsess bulk|speed|echo-listener|echo-clients [options]; -h lists the options")
	os.Exit(2)
}

func parseArgs(args []string) {
	if len(args) < 1 {
		usage("missing mode")
	}
	opt.role = args[0]
	switch opt.role {
	case "bulk", "speed", "echo-listener", "echo-clients":
	default:
		usage("unknown mode %q", opt.role)
	}
	fs := flag.NewFlagSet("kcpsess "+opt.role, flag.ContinueOnError)
	fs.StringVar(&opt.bind, "bind", "127.0.0.1:0", "listener HOST:PORT")
	fs.StringVar(&opt.connect, "connect", "", "echo-clients: server HOST:PORT")
	fs.StringVar(&opt.crypt, "crypt", "off", "off (no BlockCrypt) or a kcptun cipher name: none aes aes-128 salsa20 ...")
	fs.StringVar(&opt.key, "key", "it's a secrect", "pre-shared secret (kcptun's derivation)")
	fs.IntVar(&opt.dataShards, "datashard", 0, "FEC data shards")
	fs.IntVar(&opt.parityShards, "parityshard", 0, "FEC parity shards")
	fs.IntVar(&opt.nodelay, "nodelay", 1, "KCP nodelay")
	fs.IntVar(&opt.interval, "interval", 10, "KCP interval ms")
	fs.IntVar(&opt.resend, "resend", 2, "KCP fast resend")
	fs.IntVar(&opt.nc, "nc", 1, "1: congestion control off")
	fs.IntVar(&opt.sndwnd, "sndwnd", 1024, "send window")
	fs.IntVar(&opt.rcvwnd, "rcvwnd", 1024, "receive window")
	fs.IntVar(&opt.mtu, "mtu", 1350, "MTU")
	fs.BoolVar(&opt.stream, "stream", true, "stream mode")
	fs.BoolVar(&opt.ackNoDelay, "acknodelay", false, "acknowledge each input at once instead of at the next interval")
	fs.Uint64Var(&opt.bytes, "bytes", 256<<20, "bulk: bytes to transfer")
	fs.IntVar(&opt.sockbuf, "sockbuf", 4<<20, "socket buffer bytes")
	fs.StringVar(&opt.kind, "kind", "echo", "speed: echo or sink")
	fs.StringVar(&opt.sizes, "sizes", "4096,65536,524288,1048576", "speed: message sizes")
	fs.IntVar(&opt.ms, "ms", 2000, "speed: timed ms per size; echo-clients: measured window ms")
	fs.IntVar(&opt.warmupMs, "warmup-ms", 1000, "speed: untimed ms per size; echo-clients: load before measuring")
	fs.IntVar(&opt.sessions, "sessions", 10000, "echo-clients: sessions")
	fs.IntVar(&opt.size, "size", 100, "echo-clients: message bytes")
	fs.IntVar(&opt.periodMs, "period-ms", 1000, "echo-clients: one message per session per period")
	fs.IntVar(&opt.serverPid, "server-pid", 0, "echo-clients: pid whose CPU time is sampled")
	fs.IntVar(&opt.timeoutMs, "timeout", 300000, "give up after this many ms")
	if err := fs.Parse(args[1:]); err != nil {
		os.Exit(2)
	}
	if fs.NArg() > 0 {
		usage("unexpected argument %q", fs.Arg(0))
	}
	if _, err := blockFor(opt.crypt, opt.key); err != nil {
		usage("%v", err)
	}
}

func blockFor(name, key string) (kcp.BlockCrypt, error) {
	if name == "off" {
		return nil, nil
	}
	pass := pbkdf2.Key([]byte(key), []byte("kcp-go"), 4096, 32, sha1.New)
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
	case "xor":
		return kcp.NewSimpleXORBlockCrypt(pass)
	}
	return nil, fmt.Errorf("unknown --crypt %q; accepted: off none aes aes-128 aes-192 salsa20 xor", name)
}

func configure(s *kcp.UDPSession) {
	s.SetStreamMode(opt.stream)
	s.SetWriteDelay(false)
	s.SetNoDelay(opt.nodelay, opt.interval, opt.resend, opt.nc)
	s.SetWindowSize(opt.sndwnd, opt.rcvwnd)
	s.SetMtu(opt.mtu)
	s.SetACKNoDelay(opt.ackNoDelay)
}

var outMu sync.Mutex

func emit(v interface{}) {
	b, _ := json.Marshal(v)
	outMu.Lock()
	os.Stdout.Write(append(b, '\n'))
	outMu.Unlock()
}

func cpuSeconds() float64 {
	u, s := cpuSplit()
	return u + s
}

// cpuSplit is this process's user and system CPU seconds (getrusage).
func cpuSplit() (user, sys float64) {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Sec) + float64(ru.Utime.Usec)/1e6, float64(ru.Stime.Sec) + float64(ru.Stime.Usec)/1e6
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// ------------------------------------------------------------------ bulk

func runBulk() int {
	block, _ := blockFor(opt.crypt, opt.key)
	l, err := kcp.ListenWithOptions("127.0.0.1:0", block, opt.dataShards, opt.parityShards)
	if err != nil {
		usage("listen: %v", err)
	}
	l.SetReadBuffer(opt.sockbuf)
	l.SetWriteBuffer(opt.sockbuf)
	u0, s0 := cpuSplit()
	start := time.Now()
	cli, err := kcp.DialWithOptions(l.Addr().String(), block, opt.dataShards, opt.parityShards)
	if err != nil {
		usage("dial: %v", err)
	}
	cli.SetReadBuffer(opt.sockbuf)
	cli.SetWriteBuffer(opt.sockbuf)
	configure(cli)
	total := opt.bytes
	done := make(chan error, 2)
	go func() {
		s, err := l.AcceptKCP()
		if err != nil {
			done <- err
			return
		}
		configure(s)
		buf := make([]byte, 1<<20)
		var got uint64
		for got < total {
			n, err := s.Read(buf)
			if err != nil {
				done <- err
				return
			}
			got += uint64(n)
		}
		done <- nil
	}()
	go func() {
		buf := make([]byte, 32*1024)
		rand.New(rand.NewSource(1)).Read(buf)
		for sent := uint64(0); sent < total; {
			n := uint64(len(buf))
			if total-sent < n {
				n = total - sent
			}
			if _, err := cli.Write(buf[:n]); err != nil {
				done <- err
				return
			}
			sent += n
		}
	}()
	res := map[string]interface{}{"event": "bulk", "peer": "kcp-go", "crypt": opt.crypt, "datashard": opt.dataShards,
		"parityshard": opt.parityShards, "bytes": total, "mtu": opt.mtu, "sndwnd": opt.sndwnd, "rcvwnd": opt.rcvwnd}
	code := 0
	select {
	case err := <-done:
		if err != nil {
			res["error"] = err.Error()
			code = 1
		}
	case <-time.After(time.Duration(opt.timeoutMs) * time.Millisecond):
		res["error"] = "timeout"
		code = 1
	}
	elapsed := time.Since(start).Seconds()
	u1, s1 := cpuSplit()
	cpu := u1 - u0 + s1 - s0
	res["cpu_user_s"] = round3(u1 - u0)
	res["cpu_sys_s"] = round3(s1 - s0)
	res["ok"] = code == 0
	res["elapsed_s"] = round3(elapsed)
	res["goodput_MBps"] = round3(float64(total) / elapsed / 1e6)
	res["cpu_s"] = round3(cpu)
	res["cpu_s_per_GB"] = round3(cpu / (float64(total) / 1e9))
	res["retrans"] = atomic.LoadUint64(&kcp.DefaultSnmp.RetransSegs)
	emit(res)
	return code
}

// ------------------------------------------------------------------ speed (sess_test.go's benchmarks)

var testPass = pbkdf2.Key([]byte("testkey"), []byte("testsalt"), 4096, 32, sha1.New)

// speedPair builds the listener and client of sess_test.go's echoServer/dialEcho or sinkServer/dialSink and
// returns the client, the counter of bytes the server read, and a closer.
func speedPair(kind string) (*kcp.UDPSession, *uint64, func()) {
	var l *kcp.Listener
	var err error
	if kind == "echo" {
		block, _ := kcp.NewSalsa20BlockCrypt(testPass)
		l, err = kcp.ListenWithOptions("127.0.0.1:0", block, 10, 0)
	} else {
		l, err = kcp.ListenWithOptions("127.0.0.1:0", nil, 0, 0)
	}
	if err != nil {
		usage("listen: %v", err)
	}
	l.SetReadBuffer(4 * 1024 * 1024)
	l.SetWriteBuffer(4 * 1024 * 1024)
	l.SetDSCP(46)
	received := new(uint64)
	go func() {
		for {
			s, err := l.AcceptKCP()
			if err != nil {
				return
			}
			s.SetStreamMode(true)
			s.SetWindowSize(4096, 4096)
			s.SetNoDelay(1, 10, 2, 1)
			s.SetDSCP(46)
			s.SetMtu(1400)
			s.SetACKNoDelay(false)
			s.SetReadDeadline(time.Now().Add(time.Hour))
			s.SetWriteDeadline(time.Now().Add(time.Hour))
			go func(conn *kcp.UDPSession) {
				buf := make([]byte, 65536)
				for {
					n, err := conn.Read(buf)
					if err != nil {
						return
					}
					atomic.AddUint64(received, uint64(n))
					if kind == "echo" {
						conn.Write(buf[:n])
					}
				}
			}(s)
		}
	}()
	var cli *kcp.UDPSession
	if kind == "echo" {
		block, _ := kcp.NewSalsa20BlockCrypt(testPass)
		cli, err = kcp.DialWithOptions(l.Addr().String(), block, 10, 3)
	} else {
		cli, err = kcp.DialWithOptions(l.Addr().String(), nil, 0, 0)
	}
	if err != nil {
		usage("dial: %v", err)
	}
	cli.SetStreamMode(true)
	cli.SetWindowSize(1024, 1024)
	cli.SetReadBuffer(16 * 1024 * 1024)
	cli.SetWriteBuffer(16 * 1024 * 1024)
	cli.SetNoDelay(1, 10, 2, 1)
	cli.SetMtu(1400)
	cli.SetACKNoDelay(false)
	cli.SetDeadline(time.Now().Add(time.Minute))
	return cli, received, func() {
		cli.Close()
		l.Close()
	}
}

// speedRun runs one workload for at least d on a fresh pair: returns messages done and seconds taken. Echo: each
// message written whole, then read back whole (sess_test.go's echo_tester). Sink: buffers written back to back
// (sink_tester); the clock stops when the server has read every byte written.
func speedRun(kind string, size int, d time.Duration) (int, float64, error) {
	cli, received, closer := speedPair(kind)
	defer closer()
	if os.Getenv("KCPSESS_DEBUG") != "" {
		defer func() { fmt.Fprintf(os.Stderr, "snmp %+v\n", kcp.DefaultSnmp.Copy()) }()
	}
	buf := make([]byte, size)
	count := 0
	start := time.Now()
	for time.Since(start) < d {
		if _, err := cli.Write(buf); err != nil {
			return count, 0, err
		}
		if kind == "echo" {
			nrecv := 0
			for nrecv < size {
				n, err := cli.Read(buf)
				if err != nil {
					return count, 0, err
				}
				nrecv += n
			}
		}
		count++
	}
	want := uint64(count) * uint64(size)
	for atomic.LoadUint64(received) < want {
		if time.Since(start) > d+30*time.Second {
			return count, 0, fmt.Errorf("server read %d of %d bytes", atomic.LoadUint64(received), want)
		}
		time.Sleep(100 * time.Microsecond)
	}
	return count, time.Since(start).Seconds(), nil
}

func runSpeed() int {
	code := 0
	for _, f := range strings.Split(opt.sizes, ",") {
		size, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || size <= 0 {
			usage("bad --sizes %q", opt.sizes)
		}
		res := map[string]interface{}{"event": "speed", "peer": "kcp-go", "kind": opt.kind, "size": size}
		if opt.warmupMs > 0 {
			if _, _, err := speedRun(opt.kind, size, time.Duration(opt.warmupMs)*time.Millisecond); err != nil {
				res["error"] = "warm-up: " + err.Error()
			}
		}
		n, secs, err := speedRun(opt.kind, size, time.Duration(opt.ms)*time.Millisecond)
		if err != nil {
			res["error"] = err.Error()
		}
		res["ok"] = res["error"] == nil
		if res["error"] != nil {
			code = 1
		}
		res["messages"] = n
		res["elapsed_s"] = round3(secs)
		if secs > 0 {
			res["MBps"] = round3(float64(n) * float64(size) / secs / 1e6)
		}
		emit(res)
	}
	return code
}

// ------------------------------------------------------------------ 10,000-session echo

func runEchoListener() int {
	block, _ := blockFor(opt.crypt, opt.key)
	l, err := kcp.ListenWithOptions(opt.bind, block, opt.dataShards, opt.parityShards)
	if err != nil {
		usage("listen %s: %v", opt.bind, err)
	}
	l.SetReadBuffer(opt.sockbuf)
	l.SetWriteBuffer(opt.sockbuf)
	var accepted int64
	go func() {
		for {
			s, err := l.AcceptKCP()
			if err != nil {
				return
			}
			atomic.AddInt64(&accepted, 1)
			configure(s)
			go func(conn *kcp.UDPSession) {
				buf := make([]byte, 65536)
				for {
					n, err := conn.Read(buf)
					if err != nil {
						return
					}
					if _, err := conn.Write(buf[:n]); err != nil {
						return
					}
				}
			}(s)
		}
	}()
	emit(map[string]interface{}{"event": "listening", "peer": "kcp-go", "port": l.Addr().(*net.UDPAddr).Port,
		"pid": os.Getpid()})
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	<-stop
	res := map[string]interface{}{"event": "result", "peer": "kcp-go", "ok": true,
		"accepted": atomic.LoadInt64(&accepted)}
	snmp := kcp.DefaultSnmp.Copy()
	for i, h := range snmp.Header() {
		res[h] = snmp.ToSlice()[i]
	}
	emit(res)
	return 0
}

// procCPU is utime + stime of pid in seconds (/proc/PID/stat fields 14 and 15, in USER_HZ = 100 ticks).
func procCPU(pid int) (float64, error) {
	b, err := ioutil.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, fmt.Errorf("bad /proc/%d/stat", pid)
	}
	f := strings.Fields(s[i+1:]) // f[0] is field 3 (state)
	if len(f) < 13 {
		return 0, fmt.Errorf("short /proc/%d/stat", pid)
	}
	ut, _ := strconv.ParseFloat(f[11], 64)
	st, _ := strconv.ParseFloat(f[12], 64)
	return (ut + st) / 100, nil
}

func runEchoClients() int {
	block, _ := blockFor(opt.crypt, opt.key)
	n := opt.sessions
	period := time.Duration(opt.periodMs) * time.Millisecond
	sessions := make([]*kcp.UDPSession, n)
	dialStart := time.Now()
	for i := 0; i < n; i++ {
		s, err := kcp.DialWithOptions(opt.connect, block, opt.dataShards, opt.parityShards)
		if err != nil {
			emit(map[string]interface{}{"event": "result", "ok": false, "error": fmt.Sprintf("dial %d: %v", i, err)})
			return 1
		}
		configure(s)
		sessions[i] = s
	}
	dialS := time.Since(dialStart).Seconds()
	var measuring int32
	var echoes, sent, errs, echoesInWindow uint64
	var rttMu sync.Mutex
	rtts := make([]float64, 0, n*(opt.ms/opt.periodMs+1))
	stopAt := time.Now().Add(time.Duration(opt.warmupMs+opt.ms)*time.Millisecond + period)
	base := time.Now()
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int, s *kcp.UDPSession) {
			defer wg.Done()
			msg := make([]byte, opt.size)
			msg[0] = byte(i)
			buf := make([]byte, 2048)
			next := base.Add(period * time.Duration(i) / time.Duration(n))
			for next.Before(stopAt) {
				time.Sleep(time.Until(next))
				t0 := time.Now()
				if _, err := s.Write(msg); err != nil {
					atomic.AddUint64(&errs, 1)
					return
				}
				atomic.AddUint64(&sent, 1)
				s.SetReadDeadline(t0.Add(10 * time.Second))
				got := 0
				for got < opt.size {
					m, err := s.Read(buf)
					if err != nil {
						break
					}
					got += m
				}
				if got < opt.size {
					// no echo within 10 s: counted, and the session carries on (a late echo is then read as
					// the next one; only the counts and the CPU matter here)
					atomic.AddUint64(&errs, 1)
					for !next.After(time.Now()) {
						next = next.Add(period) // skip the periods the wait took
					}
					continue
				}
				atomic.AddUint64(&echoes, 1)
				if atomic.LoadInt32(&measuring) == 1 {
					atomic.AddUint64(&echoesInWindow, 1)
					rtt := time.Since(t0).Seconds() * 1000
					rttMu.Lock()
					rtts = append(rtts, rtt)
					rttMu.Unlock()
				}
				next = next.Add(period)
			}
		}(i, sessions[i])
	}
	time.Sleep(time.Until(base.Add(time.Duration(opt.warmupMs) * time.Millisecond)))
	c0, err := procCPU(opt.serverPid)
	if err != nil {
		emit(map[string]interface{}{"event": "result", "ok": false, "error": err.Error()})
		return 1
	}
	own0 := cpuSeconds()
	w0 := time.Now()
	atomic.StoreInt32(&measuring, 1)
	time.Sleep(time.Duration(opt.ms) * time.Millisecond)
	atomic.StoreInt32(&measuring, 0)
	c1, _ := procCPU(opt.serverPid)
	own1 := cpuSeconds()
	wall := time.Since(w0).Seconds()
	wg.Wait()
	rttMu.Lock()
	sort.Float64s(rtts)
	pct := func(p float64) float64 {
		if len(rtts) == 0 {
			return -1
		}
		return round3(rtts[int(math.Min(float64(len(rtts)-1), p*float64(len(rtts))))])
	}
	expected := float64(n) * wall / period.Seconds()
	res := map[string]interface{}{"event": "result", "peer": "kcp-go", "ok": true, "sessions": n,
		"dial_s": round3(dialS), "wall_s": round3(wall), "server_cpu_s": round3(c1 - c0),
		"server_cpu_per_s": round3((c1 - c0) / wall), "client_cpu_per_s": round3((own1 - own0) / wall),
		"echoes_in_window": echoesInWindow, "expected_in_window": math.Round(expected), "echoes": echoes,
		"sent": sent, "timeouts": errs, "rtt_ms_p50": pct(0.5), "rtt_ms_p99": pct(0.99), "rtt_ms_max": pct(1.0)}
	rttMu.Unlock()
	emit(res)
	for _, s := range sessions {
		s.Close()
	}
	return 0 // failed echoes are reported in the result line (errors, echoes_in_window)
}

func main() {
	parseArgs(os.Args[1:])
	var code int
	switch opt.role {
	case "bulk":
		code = runBulk()
	case "speed":
		code = runSpeed()
	case "echo-listener":
		code = runEchoListener()
	case "echo-clients":
		code = runEchoClients()
	}
	os.Stdout.Sync()
	os.Exit(code)
}
