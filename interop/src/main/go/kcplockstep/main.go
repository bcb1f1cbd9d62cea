// Command kcplockstep is the lock-step driver for kcp-go 5.6.1's KCP engine (the KCP struct of kcp.go, not the
// UDPSession): the Go counterpart of interop/src/main/c/ikcp_driver.c. It reads the same scripts and prints the
// same transcripts, so io.kcplab.interop.lockstep can compare KcpLab's KCP_GO profile with kcp.go line by line.
//
// It is built by io.kcplab.interop.KcpGoLockstep, never with a plain "go build": the package it imports,
// kcplab/kcpgo561, exists only in the build folder. It is assembled there from Debian's kcp.go (SHA-256 checked,
// currentMs() patched to return the script's clock) and lockstep_hooks.go.in. Nothing of kcp-go is committed.
//
// Script and transcript format: see ikcp_driver.c. Everything below is identical unless listed here.
//
// Time. kcp.go reads the time only through currentMs(). Each endpoint has its own clock (0 at "begin"), set by
// "X update t" and "X current t"; before any call into endpoint X the driver sets currentMs() to X's clock, so
// Input (RTT sample, flush), Update, Check and flush see exactly what the Java engine's "current" is. "X check t"
// runs Check() at time t without moving X's clock (the Java engine's check(t) takes t as an argument).
//
// Ops mapped onto kcp-go's API (no ikcp equivalent, or different in kcp-go):
//
//	X interval <ms>     NoDelay(-1, ms, -1, -1) (kcp-go has no Interval setter)  -> 0; ms < 0: "!" (no-op in Go)
//	X fastlimit <n>     nothing: kcp-go has no fastlimit (the Java KCP_GO profile ignores it too)
//	X send <len> <seed> Send(bytes); len < 0 cannot be expressed with a Go slice: "!"
//	X recv <len>        Recv(buffer[:len]); len < 0 (ikcp's peek) cannot be expressed: "!"
//	X flush             flush(false)                                             -> its return value (next wake-up delay)
//	X inject <hex>      Input(bytes, regular=true, ackNoDelay of X)              -> ret
//	deliver X <k>       Input(datagram, regular=true, ackNoDelay of the receiver) -> ret
//
// Ops only kcp-go scripts use (io.kcplab.interop.lockstep.Op documents them too):
//
//	X acknodelay <0|1>  the ackNoDelay argument of X's later Input calls (UDPSession.SetACKNoDelay)
//	X injectfec <hex>   Input(bytes, regular=false, ackNoDelay of X): a packet rebuilt by FEC   -> ret
//	deliverfec X <k>    like deliver, with regular=false                                         -> ret
//	X reserve <n>       ReserveBytes(n)                                                          -> 1 | 0
//	X snmp              X's share of DefaultSnmp -> "in out repeat lost fast early retrans"
//	                    (InSegs OutSegs RepeatSegs LostSegs FastRetransSegs EarlyRetransSegs RetransSegs)
//
// Reserved bytes: a datagram X emits is printed whole (its first Reserved() bytes are kcp-go's untouched prefix),
// but the channel keeps it without that prefix, as the FEC/crypto layer of a session strips its header before
// Input. Counters: DefaultSnmp is global, so the driver adds each op's change to the endpoint the op called
// (the receiver for deliver). The state line's xmit field is X's LostSegs (kcp.go has no xmit field).
//
// A panic inside kcp-go (it has a few, e.g. a segment longer than the 1500-byte pool buffers) prints
// "! kcp-go panicked: ..." and the script goes on.
package main

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"os"
	"strconv"
	"strings"

	kcp "kcplab/kcpgo561"
)

const channelCap = 1024

type endpoint struct {
	name       byte
	kcp        *kcp.KCP
	now        uint32
	ackNoDelay bool
	out        [][]byte // datagrams this endpoint emitted, in flight towards the other one
	snmp       kcp.Snmp // this endpoint's share of kcp.DefaultSnmp
}

var (
	eps     [2]*endpoint
	w       = bufio.NewWriterSize(os.Stdout, 1<<20)
	hexMode bool
	scratch []byte
	line    []byte
)

func fnv64(p []byte) uint64 {
	h := uint64(0xcbf29ce484222325)
	for _, c := range p {
		h ^= uint64(c)
		h *= 0x100000001b3
	}
	return h
}

func (e *endpoint) output(buf []byte, size int) {
	d := buf[:size]
	line = append(line[:0], '>', ' ', e.name, ' ')
	if hexMode {
		if size == 0 {
			line = append(line, '-')
		} else {
			n := len(line)
			line = append(line, make([]byte, 2*size)...)
			hex.Encode(line[n:], d)
		}
	} else {
		line = strconv.AppendInt(line, int64(size), 10)
		line = append(line, ' ')
		line = appendHex16(line, fnv64(d))
	}
	line = append(line, '\n')
	w.Write(line)
	if len(e.out) >= channelCap {
		fmt.Fprintf(w, "x %c\n", e.name)
		return
	}
	r := e.kcp.Reserved()
	if r > size {
		r = size
	}
	e.out = append(e.out, append([]byte(nil), d[r:]...))
}

func appendHex16(b []byte, v uint64) []byte {
	const digits = "0123456789abcdef"
	for i := 60; i >= 0; i -= 4 {
		b = append(b, digits[(v>>uint(i))&15])
	}
	return b
}

func (e *endpoint) printState() {
	line = append(line[:0], 's', ' ', e.name)
	line = e.kcp.AppendState(line, e.snmp.LostSegs)
	line = append(line, '\n')
	w.Write(line)
}

func snapshot() kcp.Snmp { return *kcp.DefaultSnmp }

func (e *endpoint) account(before kcp.Snmp) {
	a := kcp.DefaultSnmp
	e.snmp.InSegs += a.InSegs - before.InSegs
	e.snmp.OutSegs += a.OutSegs - before.OutSegs
	e.snmp.RetransSegs += a.RetransSegs - before.RetransSegs
	e.snmp.FastRetransSegs += a.FastRetransSegs - before.FastRetransSegs
	e.snmp.EarlyRetransSegs += a.EarlyRetransSegs - before.EarlyRetransSegs
	e.snmp.LostSegs += a.LostSegs - before.LostSegs
	e.snmp.RepeatSegs += a.RepeatSegs - before.RepeatSegs
}

// input feeds one datagram to e at e's clock.
func (e *endpoint) input(d []byte, regular bool) int {
	kcp.SetClock(e.now)
	return e.kcp.Input(d, regular, e.ackNoDelay)
}

func buffer(n int) []byte {
	if cap(scratch) < n {
		c := 2 * cap(scratch)
		if c < n {
			c = n
		}
		scratch = make([]byte, c)
	}
	return scratch[:n]
}

func endpointIndex(s string) int {
	switch s {
	case "A":
		return 0
	case "B":
		return 1
	}
	return -1
}

// intArg is the script number as the C driver's (int) cast and the Java runner's intArg see it.
func intArg(v int64) int { return int(int32(v)) }

func runChannelOp(tok []string) {
	want := 3
	switch tok[0] {
	case "truncate":
		want = 4
	case "corrupt":
		want = 5
	}
	x := -1
	if len(tok) > 1 {
		x = endpointIndex(tok[1])
	}
	if len(tok) != want || x < 0 {
		fmt.Fprintln(w, "! bad channel op")
		return
	}
	var v [3]int64
	for i := 2; i < len(tok); i++ {
		n, err := strconv.ParseInt(tok[i], 10, 64)
		if err != nil || n < 0 {
			fmt.Fprintln(w, "! bad number")
			return
		}
		v[i-2] = n
	}
	from, to := eps[x], eps[1-x]
	c := from.out
	if len(c) == 0 {
		fmt.Fprintln(w, "= empty")
		return
	}
	k := int(v[0] % int64(len(c)))
	switch tok[0] {
	case "deliver", "deliverfec":
		d := c[k]
		from.out = append(c[:k], c[k+1:]...)
		before := snapshot()
		r := to.input(d, tok[0] == "deliver")
		to.account(before)
		fmt.Fprintf(w, "= %d\n", r)
	case "drop":
		from.out = append(c[:k], c[k+1:]...)
		fmt.Fprintln(w, "= 0")
	case "dup":
		if len(c) < channelCap {
			cp := append([]byte(nil), c[k]...)
			c = append(c, nil)
			copy(c[k+2:], c[k+1:])
			c[k+1] = cp
			from.out = c
		}
		fmt.Fprintln(w, "= 0")
	case "truncate":
		c[k] = c[k][:int(v[1]%int64(len(c[k])+1))]
		fmt.Fprintln(w, "= 0")
	case "corrupt":
		if len(c[k]) > 0 {
			c[k][v[1]%int64(len(c[k]))] ^= byte(v[2])
		}
		fmt.Fprintln(w, "= 0")
	default: // reorder
		d := c[k]
		c = append(c[:k], c[k+1:]...)
		from.out = append(c, d)
		fmt.Fprintln(w, "= 0")
	}
}

func parseHex(s string) ([]byte, bool) {
	if s == "-" {
		return []byte{}, true
	}
	b, err := hex.DecodeString(s)
	return b, err == nil
}

func runEndpointOp(tok []string) {
	x := endpointIndex(tok[0])
	if x < 0 || len(tok) < 2 {
		fmt.Fprintln(w, "! unknown op")
		return
	}
	e := eps[x]
	k := e.kcp
	op := tok[1]
	nargs := len(tok) - 2
	if op == "inject" || op == "injectfec" {
		if nargs != 1 {
			fmt.Fprintln(w, "! bad inject")
			return
		}
		b, ok := parseHex(tok[2])
		if !ok {
			fmt.Fprintln(w, "! bad hex")
			return
		}
		before := snapshot()
		r := e.input(b, op == "inject")
		e.account(before)
		fmt.Fprintf(w, "= %d\n", r)
		return
	}
	var v [6]int64
	for i := 0; i < nargs && i < 6; i++ {
		n, err := strconv.ParseInt(tok[i+2], 10, 64)
		if err != nil {
			fmt.Fprintln(w, "! bad number")
			return
		}
		v[i] = n
	}
	need := func(n int) bool {
		if nargs != n {
			fmt.Fprintln(w, "! wrong argument count")
			return false
		}
		return true
	}
	kcp.SetClock(e.now)
	before := snapshot()
	defer e.account(before)
	switch op {
	case "wndsize":
		if need(2) {
			fmt.Fprintf(w, "= %d\n", k.WndSize(intArg(v[0]), intArg(v[1])))
		}
	case "nodelay":
		if need(4) {
			fmt.Fprintf(w, "= %d\n", k.NoDelay(intArg(v[0]), intArg(v[1]), intArg(v[2]), intArg(v[3])))
		}
	case "interval":
		if need(1) {
			if intArg(v[0]) < 0 {
				fmt.Fprintln(w, "! kcp-go has no interval setter; NoDelay ignores a negative interval")
				return
			}
			fmt.Fprintf(w, "= %d\n", k.NoDelay(-1, intArg(v[0]), -1, -1))
		}
	case "mtu":
		if need(1) {
			fmt.Fprintf(w, "= %d\n", k.SetMtu(intArg(v[0])))
		}
	case "stream":
		if need(1) {
			k.SetStream(int32(v[0]))
		}
	case "minrto":
		if need(1) {
			k.SetMinRto(uint32(v[0]))
		}
	case "fastresend":
		if need(1) {
			k.SetFastResend(int32(v[0]))
		}
	case "fastlimit":
		need(1) // kcp-go has no fastlimit
	case "deadlink":
		if need(1) {
			k.SetDeadLink(uint32(v[0]))
		}
	case "acknodelay":
		if need(1) {
			e.ackNoDelay = v[0] != 0
		}
	case "reserve":
		if need(1) {
			r := 0
			if k.ReserveBytes(intArg(v[0])) {
				r = 1
			}
			fmt.Fprintf(w, "= %d\n", r)
		}
	case "snmp":
		if need(0) {
			s := &e.snmp
			fmt.Fprintf(w, "= %d %d %d %d %d %d %d\n", s.InSegs, s.OutSegs, s.RepeatSegs, s.LostSegs,
				s.FastRetransSegs, s.EarlyRetransSegs, s.RetransSegs)
		}
	case "send":
		if need(2) {
			n := intArg(v[0])
			if n < 0 {
				fmt.Fprintln(w, "! kcp-go's Send takes a slice: a negative length is not expressible")
				return
			}
			seed := uint32(v[1])
			buf := buffer(n)
			for i := 0; i < n; i++ {
				buf[i] = byte((seed + uint32(i)*0x9E3779B1) >> 24)
			}
			fmt.Fprintf(w, "= %d\n", k.Send(buf))
		}
	case "recv":
		if need(1) {
			n := intArg(v[0])
			if n < 0 {
				fmt.Fprintln(w, "! kcp-go's Recv takes a slice: a negative length (ikcp's peek) is not expressible")
				return
			}
			buf := buffer(n)
			r := k.Recv(buf)
			if r >= 0 {
				fmt.Fprintf(w, "= %d %016x\n", r, fnv64(buf[:r]))
			} else {
				fmt.Fprintf(w, "= %d\n", r)
			}
		}
	case "peeksize":
		if need(0) {
			fmt.Fprintf(w, "= %d\n", k.PeekSize())
		}
	case "waitsnd":
		if need(0) {
			fmt.Fprintf(w, "= %d\n", k.WaitSnd())
		}
	case "update":
		if need(1) {
			e.now = uint32(v[0])
			kcp.SetClock(e.now)
			k.Update()
		}
	case "current":
		if need(1) {
			e.now = uint32(v[0])
		}
	case "flush":
		if need(0) {
			fmt.Fprintf(w, "= %d\n", k.Flush(false))
		}
	case "check":
		if need(1) {
			kcp.SetClock(uint32(v[0]))
			fmt.Fprintf(w, "= %d\n", k.Check())
		}
	default:
		fmt.Fprintln(w, "! unknown op")
	}
}

func runOp(text string) {
	defer func() {
		if r := recover(); r != nil {
			msg := strings.ReplaceAll(fmt.Sprint(r), "\n", " ")
			fmt.Fprintf(w, "! kcp-go panicked: %s\n", msg)
		}
	}()
	tok := strings.Fields(text)
	if len(tok) == 0 {
		fmt.Fprintln(w, "! empty op")
		return
	}
	switch tok[0] {
	case "deliver", "deliverfec", "drop", "dup", "truncate", "corrupt", "reorder":
		runChannelOp(tok)
	default:
		runEndpointOp(tok)
	}
}

func runBlock(conv uint32, lines []string) {
	for i := range eps {
		e := &endpoint{name: "AB"[i]}
		e.kcp = kcp.NewKCP(conv, e.output)
		eps[i] = e
	}
	for i, l := range lines {
		fmt.Fprintf(w, "@%d %s\n", i, l)
		runOp(l)
		eps[0].printState()
		eps[1].printState()
	}
	for _, e := range eps {
		e.kcp.ReleaseTX()
	}
	fmt.Fprintln(w, "done")
	w.Flush()
}

func main() {
	in := bufio.NewReaderSize(os.Stdin, 1<<16)
	var lines []string
	inBlock := false
	var conv uint32
	for {
		raw, err := in.ReadString('\n')
		if raw == "" && err != nil {
			break
		}
		p := strings.TrimSpace(raw)
		if p == "" || strings.HasPrefix(p, "#") {
			continue
		}
		if !inBlock {
			switch {
			case strings.HasPrefix(p, "begin"):
				c, _ := strconv.ParseUint(strings.TrimSpace(p[5:]), 10, 32)
				conv = uint32(c)
				inBlock = true
				lines = lines[:0]
			case p == "mode hash":
				hexMode = false
			case p == "mode hex":
				hexMode = true
			case p == "quit":
				w.Flush()
				return
			default:
				fmt.Fprintln(w, "! expected begin, mode or quit")
				w.Flush()
			}
			continue
		}
		if p == "end" {
			runBlock(conv, lines)
			inBlock = false
			continue
		}
		lines = append(lines, strings.Join(strings.Fields(p), " "))
	}
	w.Flush()
}
