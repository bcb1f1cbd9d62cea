/*
 * ikcp_udp_peer: a real KCP peer over UDP, built on skywind3000's ikcp.c (the npm node-kcp@1.0.13 copy that
 * NativeIkcp fetches and verifies). KcpLab's own code; only ikcp.c/ikcp.h are third party.
 *
 * Wire: plain KCP datagrams ("raw": no crypto header, no FEC header), one UDP datagram per ikcp output call.
 *
 * Modes (first argument):
 *   bulk-client   send --bytes N of the seeded stream to --connect; optionally read an echo (--echo) or a reply
 *                 (--recv-bytes M [--recv-seed S2]) and verify it; prints one JSON "result" line.
 *   sink-server   for each conversation: receive --bytes N (verified against --seed unless --no-verify) and send
 *                 --reply-bytes M of the --reply-seed stream at the same time; one JSON "session" line per
 *                 conversation, one "result" line at the end.
 *   echo-server   for each conversation: send every received byte (message) back.
 *   Servers first print {"event":"listening","port":P} once bound (--bind 127.0.0.1:0 picks a free port) and serve
 *   up to --max-conns conversations at once (one per client address; conv taken from the first datagram). They
 *   stop after --sessions finished conversations (0 = until SIGTERM/SIGINT, which prints the result and exits 0).
 *
 * The data stream: splitmix64 seeded with --seed, each 64-bit output written little-endian, concatenated.
 * Message mode (default): messages of --msg-size bytes (the last one shorter); the receiver checks every
 * message's size. --stream: ikcp stream mode, no boundaries.
 *
 * Event loop: poll() on the socket with the timeout given by ikcp_check, ikcp_update when due, ikcp_input for
 * every datagram, then ikcp_recv / ikcp_send; sending pauses while ikcp_waitsnd >= 2 * sndwnd (backpressure).
 *
 * Options (defaults in brackets): --bind HOST:PORT [servers 127.0.0.1:0, client 0.0.0.0:0], --connect HOST:PORT,
 * --mode default|normal|fast|fast2|fast3 [default = 0,100,0,0], --nodelay/--interval/--resend/--nc (override the
 * mode), --sndwnd [32] --rcvwnd [128] --mtu [1400] --stream --msg-size [4 * mss] --conv [pseudo-random]
 * --ack-nodelay (ikcp_flush after every input), --bytes --seed [1] --echo --recv-bytes --recv-seed
 * --reply-bytes --reply-seed [2] --no-verify, --timeout [60000] --idle [10000] --linger [1000] (ms),
 * --sessions [sink 1, echo 0] --max-conns [8] --sockbuf [4194304].
 *
 * Output, one JSON object per line: "listening" {port}; "session"/"result" per conversation {ok, error, conv,
 * remote, stream, sent, received, messages_sent, messages_received, sha256_sent, sha256_received, elapsed_ms,
 * send_done_ms (all sent data acknowledged), recv_done_ms, goodput_MBps ((sent + received) / elapsed), xmit};
 * a server's last line is "result" {ok, error, sessions, failed, stopped, elapsed_ms}.
 *
 * Exit codes: 0 ok, 1 verification failure (or a conversation failed), 2 usage, 3 timeout (--timeout ms).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "ikcp.h"

#define EXIT_OK 0
#define EXIT_VERIFY 1
#define EXIT_USAGE 2
#define EXIT_TIMEOUT 3

/* ---------------------------------------------------------------- SHA-256 (FIPS 180-4) */

typedef struct {
    uint32_t h[8];
    uint64_t total;
    uint8_t buf[64];
    size_t n;
} sha256_ctx;

static const uint32_t SHA_K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha256_init(sha256_ctx *c) {
    static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(c->h, iv, sizeof iv);
    c->total = 0;
    c->n = 0;
}

static void sha256_block(sha256_ctx *c, const uint8_t *p) {
    uint32_t w[64], a, b, d, e, f, g, h, cc, t1, t2;
    int i;
    for (i = 0; i < 16; i++) {
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    }
    for (i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    a = c->h[0]; b = c->h[1]; cc = c->h[2]; d = c->h[3];
    e = c->h[4]; f = c->h[5]; g = c->h[6]; h = c->h[7];
    for (i = 0; i < 64; i++) {
        t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + SHA_K[i] + w[i];
        t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & cc) ^ (b & cc));
        h = g; g = f; f = e; e = d + t1; d = cc; cc = b; b = a; a = t1 + t2;
    }
    c->h[0] += a; c->h[1] += b; c->h[2] += cc; c->h[3] += d;
    c->h[4] += e; c->h[5] += f; c->h[6] += g; c->h[7] += h;
}

static void sha256_update(sha256_ctx *c, const uint8_t *p, size_t len) {
    c->total += len;
    if (c->n > 0) {
        size_t take = 64 - c->n < len ? 64 - c->n : len;
        memcpy(c->buf + c->n, p, take);
        c->n += take; p += take; len -= take;
        if (c->n < 64) return;
        sha256_block(c, c->buf);
        c->n = 0;
    }
    while (len >= 64) {
        sha256_block(c, p);
        p += 64; len -= 64;
    }
    memcpy(c->buf, p, len);
    c->n = len;
}

/* Writes the digest of a copy, so the running context can go on. */
static void sha256_hex(const sha256_ctx *in, char out[65]) {
    sha256_ctx c = *in;
    uint64_t bits = c.total * 8;
    uint8_t pad = 0x80, zero = 0, lenbuf[8];
    int i;
    sha256_update(&c, &pad, 1);
    while (c.n != 56) sha256_update(&c, &zero, 1);
    for (i = 0; i < 8; i++) lenbuf[i] = (uint8_t)(bits >> (56 - 8 * i));
    sha256_update(&c, lenbuf, 8);
    for (i = 0; i < 8; i++) sprintf(out + 8 * i, "%08x", c.h[i]);
    out[64] = 0;
}

/* ---------------------------------------------------------------- the seeded data stream */

typedef struct {
    uint64_t state;
    uint8_t cur[8];
    int off;
} stream_rng;

static void rng_init(stream_rng *r, uint64_t seed) {
    r->state = seed;
    r->off = 8;
}

static void rng_fill(stream_rng *r, uint8_t *p, size_t len) {
    while (len > 0) {
        if (r->off == 8) {
            uint64_t z = (r->state += 0x9E3779B97F4A7C15ULL);
            int i;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
            z ^= z >> 31;
            for (i = 0; i < 8; i++) r->cur[i] = (uint8_t)(z >> (8 * i));
            r->off = 0;
        }
        *p++ = r->cur[r->off++];
        len--;
    }
}

/* ---------------------------------------------------------------- options */

enum role { BULK_CLIENT, SINK_SERVER, ECHO_SERVER };
static const char *ROLE_NAMES[] = {"bulk-client", "sink-server", "echo-server"};

typedef struct {
    enum role role;
    char bind_addr[128];
    char connect_addr[128];
    int nodelay, interval, resend, nc;
    int sndwnd, rcvwnd, mtu, stream, ack_nodelay;
    uint32_t conv;
    int conv_set;
    uint64_t bytes, recv_bytes, reply_bytes;
    uint64_t seed, recv_seed, reply_seed;
    int recv_seed_set, echo, verify;
    int msg_size;
    long timeout_ms, idle_ms, linger_ms;
    int sessions, max_conns;
    int sockbuf;
} options;

static options opt;

static void usage(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "ikcp_udp_peer: ");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr,
            "\nusage: ikcp_udp_peer bulk-client|sink-server|echo-server [options]\n"
            "  --bind HOST:PORT --connect HOST:PORT\n"
            "  --mode default|normal|fast|fast2|fast3  --nodelay N --interval MS --resend N --nc 0|1\n"
            "  --sndwnd N --rcvwnd N --mtu N --stream --msg-size N --conv N --ack-nodelay\n"
            "  --bytes N --seed S --echo --recv-bytes N --recv-seed S --reply-bytes N --reply-seed S --no-verify\n"
            "  --timeout MS --idle MS --linger MS --sessions N --max-conns N --sockbuf BYTES\n");
    exit(EXIT_USAGE);
}

static uint64_t parse_u64(const char *name, const char *v) {
    char *end;
    unsigned long long x;
    if (v == NULL) usage("%s needs a value", name);
    errno = 0;
    x = strtoull(v, &end, 0);
    if (errno != 0 || *end != 0 || v[0] == '-') usage("bad value '%s' for %s", v, name);
    return (uint64_t)x;
}

static int parse_int(const char *name, const char *v, long lo, long hi) {
    uint64_t x = parse_u64(name, v);
    if ((long)x < lo || (long)x > hi) usage("%s must be in [%ld, %ld], got %s", name, lo, hi, v);
    return (int)x;
}

static void set_mode(const char *m) {
    if (m == NULL) usage("--mode needs a value");
    if (strcmp(m, "default") == 0) { opt.nodelay = 0; opt.interval = 100; opt.resend = 0; opt.nc = 0; }
    else if (strcmp(m, "normal") == 0) { opt.nodelay = 0; opt.interval = 40; opt.resend = 2; opt.nc = 1; }
    else if (strcmp(m, "fast") == 0) { opt.nodelay = 0; opt.interval = 30; opt.resend = 2; opt.nc = 1; }
    else if (strcmp(m, "fast2") == 0) { opt.nodelay = 1; opt.interval = 20; opt.resend = 2; opt.nc = 1; }
    else if (strcmp(m, "fast3") == 0) { opt.nodelay = 1; opt.interval = 10; opt.resend = 2; opt.nc = 1; }
    else usage("unknown mode '%s'; accepted: default, normal, fast, fast2, fast3", m);
}

static void parse_args(int argc, char **argv) {
    int i, nodelay = -1, interval = -1, resend = -1, nc = -1; /* explicit values override --mode in any order */
    if (argc < 2) usage("missing mode");
    if (strcmp(argv[1], "bulk-client") == 0) opt.role = BULK_CLIENT;
    else if (strcmp(argv[1], "sink-server") == 0) opt.role = SINK_SERVER;
    else if (strcmp(argv[1], "echo-server") == 0) opt.role = ECHO_SERVER;
    else usage("unknown mode '%s'", argv[1]);
    strcpy(opt.bind_addr, opt.role == BULK_CLIENT ? "0.0.0.0:0" : "127.0.0.1:0");
    opt.connect_addr[0] = 0;
    set_mode("default");
    opt.sndwnd = 32; opt.rcvwnd = 128; opt.mtu = 1400;
    opt.seed = 1; opt.reply_seed = 2;
    opt.verify = 1;
    opt.msg_size = 0;
    opt.timeout_ms = 60000; opt.idle_ms = 10000; opt.linger_ms = 1000;
    opt.sessions = -1; opt.max_conns = 8;
    opt.sockbuf = 4 << 20;
    for (i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define TAKE (i++, v)
        if (strcmp(a, "--bind") == 0) { if (!v || strlen(v) >= sizeof opt.bind_addr) usage("bad --bind"); strcpy(opt.bind_addr, TAKE); }
        else if (strcmp(a, "--connect") == 0) { if (!v || strlen(v) >= sizeof opt.connect_addr) usage("bad --connect"); strcpy(opt.connect_addr, TAKE); }
        else if (strcmp(a, "--mode") == 0) set_mode(TAKE);
        else if (strcmp(a, "--nodelay") == 0) nodelay = parse_int(a, TAKE, 0, 2);
        else if (strcmp(a, "--interval") == 0) interval = parse_int(a, TAKE, 1, 5000);
        else if (strcmp(a, "--resend") == 0) resend = parse_int(a, TAKE, 0, 1000);
        else if (strcmp(a, "--nc") == 0) nc = parse_int(a, TAKE, 0, 1);
        else if (strcmp(a, "--sndwnd") == 0) opt.sndwnd = parse_int(a, TAKE, 1, 65535);
        else if (strcmp(a, "--rcvwnd") == 0) opt.rcvwnd = parse_int(a, TAKE, 1, 65535);
        else if (strcmp(a, "--mtu") == 0) opt.mtu = parse_int(a, TAKE, 50, 65000);
        else if (strcmp(a, "--stream") == 0) opt.stream = 1;
        else if (strcmp(a, "--ack-nodelay") == 0) opt.ack_nodelay = 1;
        else if (strcmp(a, "--msg-size") == 0) opt.msg_size = parse_int(a, TAKE, 1, 1 << 24);
        else if (strcmp(a, "--conv") == 0) { opt.conv = (uint32_t)parse_u64(a, TAKE); opt.conv_set = 1; }
        else if (strcmp(a, "--bytes") == 0) opt.bytes = parse_u64(a, TAKE);
        else if (strcmp(a, "--seed") == 0) opt.seed = parse_u64(a, TAKE);
        else if (strcmp(a, "--echo") == 0) opt.echo = 1;
        else if (strcmp(a, "--recv-bytes") == 0) opt.recv_bytes = parse_u64(a, TAKE);
        else if (strcmp(a, "--recv-seed") == 0) { opt.recv_seed = parse_u64(a, TAKE); opt.recv_seed_set = 1; }
        else if (strcmp(a, "--reply-bytes") == 0) opt.reply_bytes = parse_u64(a, TAKE);
        else if (strcmp(a, "--reply-seed") == 0) opt.reply_seed = parse_u64(a, TAKE);
        else if (strcmp(a, "--no-verify") == 0) opt.verify = 0;
        else if (strcmp(a, "--timeout") == 0) opt.timeout_ms = parse_int(a, TAKE, 1, 86400000);
        else if (strcmp(a, "--idle") == 0) opt.idle_ms = parse_int(a, TAKE, 1, 86400000);
        else if (strcmp(a, "--linger") == 0) opt.linger_ms = parse_int(a, TAKE, 0, 600000);
        else if (strcmp(a, "--sessions") == 0) opt.sessions = parse_int(a, TAKE, 0, 1000000);
        else if (strcmp(a, "--max-conns") == 0) opt.max_conns = parse_int(a, TAKE, 1, 1024);
        else if (strcmp(a, "--sockbuf") == 0) opt.sockbuf = parse_int(a, TAKE, 0, 1 << 30);
        else usage("unknown option '%s'", a);
#undef TAKE
    }
    if (nodelay >= 0) opt.nodelay = nodelay;
    if (interval >= 0) opt.interval = interval;
    if (resend >= 0) opt.resend = resend;
    if (nc >= 0) opt.nc = nc;
    if (opt.role == BULK_CLIENT && opt.connect_addr[0] == 0) usage("bulk-client needs --connect HOST:PORT");
    if (opt.role == BULK_CLIENT && opt.echo && opt.recv_bytes) usage("--echo and --recv-bytes exclude each other");
    if (opt.sessions < 0) opt.sessions = opt.role == ECHO_SERVER ? 0 : 1;
    {
        int mss = opt.mtu - 24;
        int frags;
        if (opt.msg_size == 0) opt.msg_size = 4 * mss;
        frags = (opt.msg_size + mss - 1) / mss;
        if (!opt.stream && frags >= 128) usage("--msg-size %d needs %d fragments; ikcp allows at most 127", opt.msg_size, frags);
        if (!opt.stream && frags > (opt.rcvwnd < 128 ? 128 : opt.rcvwnd)) usage("--msg-size larger than the receive window");
    }
}

/* ---------------------------------------------------------------- time, signals, sockets */

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig) {
    (void)sig;
    stop_requested = 1;
}

static uint32_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint32_t)((uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u);
}

static double now_exact_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int32_t tdiff(uint32_t later, uint32_t earlier) {
    return (int32_t)(later - earlier);
}

static void parse_addr(const char *text, struct sockaddr_in *out) {
    char host[128];
    const char *colon = strrchr(text, ':');
    struct addrinfo hints, *res = NULL;
    int port;
    if (colon == NULL || colon == text || (size_t)(colon - text) >= sizeof host) usage("address '%s' is not HOST:PORT", text);
    memcpy(host, text, (size_t)(colon - text));
    host[colon - text] = 0;
    port = parse_int("port", colon + 1, 0, 65535);
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_DGRAM;
    if (getaddrinfo(host, NULL, &hints, &res) != 0 || res == NULL) usage("cannot resolve '%s'", host);
    memcpy(out, res->ai_addr, sizeof *out);
    out->sin_port = htons((uint16_t)port);
    freeaddrinfo(res);
}

static void addr_text(const struct sockaddr_in *a, char *out, size_t n) {
    char ip[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &a->sin_addr, ip, sizeof ip);
    snprintf(out, n, "%s:%u", ip, (unsigned)ntohs(a->sin_port));
}

static int sock_fd = -1;

static void set_bufsize(int opt_force, int opt_plain, int size) {
    if (size <= 0) return;
    if (setsockopt(sock_fd, SOL_SOCKET, opt_force, &size, sizeof size) != 0) {
        setsockopt(sock_fd, SOL_SOCKET, opt_plain, &size, sizeof size);
    }
}

/* ---------------------------------------------------------------- conversations */

typedef struct {
    int used, finished, failed, reported;
    struct sockaddr_in addr;
    ikcpcb *kcp;
    uint32_t next_update;
    /* what this side sends */
    uint64_t send_total, sent, msgs_sent;
    stream_rng send_rng;
    sha256_ctx send_sha;
    /* what this side receives */
    uint64_t recv_total; /* UINT64_MAX: unbounded (echo server) */
    uint64_t received, msgs_received;
    int verify_recv;
    stream_rng verify_rng;
    sha256_ctx recv_sha;
    int echo;
    /* times */
    double t_start, t_send_done, t_recv_done, t_done;
    uint32_t t_last_rx;
    char error[200];
} conversation;

static conversation *convs;
static int nconvs;
static uint8_t *work_buf;
static size_t work_cap;

static int udp_output(const char *buf, int len, ikcpcb *kcp, void *user) {
    conversation *c = (conversation *)user;
    (void)kcp;
    /* a full socket buffer drops the datagram: KCP retransmits, as on any lossy path */
    sendto(sock_fd, buf, (size_t)len, 0, (const struct sockaddr *)&c->addr, sizeof c->addr);
    return 0;
}

static void fail(conversation *c, const char *fmt, ...) {
    va_list ap;
    if (c->failed) return;
    c->failed = 1;
    va_start(ap, fmt);
    vsnprintf(c->error, sizeof c->error, fmt, ap);
    va_end(ap);
}

static void ensure_work(size_t n) {
    if (n > work_cap) {
        work_cap = n * 2;
        work_buf = realloc(work_buf, work_cap);
        if (work_buf == NULL) { fprintf(stderr, "out of memory\n"); exit(EXIT_VERIFY); }
    }
}

static void conv_open(conversation *c, const struct sockaddr_in *addr, uint32_t conv, uint32_t now) {
    memset(c, 0, sizeof *c);
    c->used = 1;
    c->addr = *addr;
    c->kcp = ikcp_create(conv, c);
    ikcp_setoutput(c->kcp, udp_output);
    ikcp_nodelay(c->kcp, opt.nodelay, opt.interval, opt.resend, opt.nc);
    ikcp_wndsize(c->kcp, opt.sndwnd, opt.rcvwnd);
    ikcp_setmtu(c->kcp, opt.mtu);
    c->kcp->stream = opt.stream;
    sha256_init(&c->send_sha);
    sha256_init(&c->recv_sha);
    c->t_start = now_exact_ms();
    c->t_last_rx = now;
    switch (opt.role) {
    case BULK_CLIENT:
        c->send_total = opt.bytes;
        rng_init(&c->send_rng, opt.seed);
        if (opt.echo) {
            c->recv_total = opt.bytes;
            c->verify_recv = opt.verify;
            rng_init(&c->verify_rng, opt.seed);
        } else {
            c->recv_total = opt.recv_bytes;
            c->verify_recv = opt.verify && opt.recv_seed_set;
            rng_init(&c->verify_rng, opt.recv_seed);
        }
        break;
    case SINK_SERVER:
        c->recv_total = opt.bytes;
        c->verify_recv = opt.verify;
        rng_init(&c->verify_rng, opt.seed);
        c->send_total = opt.reply_bytes;
        rng_init(&c->send_rng, opt.reply_seed);
        break;
    case ECHO_SERVER:
        c->echo = 1;
        c->recv_total = opt.bytes ? opt.bytes : UINT64_MAX;
        break;
    }
    if (c->send_total == 0 && !c->echo) c->t_send_done = c->t_start;
    if (c->recv_total == 0) c->t_recv_done = c->t_start;
    ikcp_update(c->kcp, now);
    c->next_update = ikcp_check(c->kcp, now);
}

static void conv_close(conversation *c) {
    if (c->kcp) ikcp_release(c->kcp);
    c->kcp = NULL;
    c->used = 0;
}

static int backlog_full(conversation *c) {
    return ikcp_waitsnd(c->kcp) >= 2 * opt.sndwnd;
}

/* Receives what is ready (verifying or echoing it), then queues new data while the send backlog allows. */
static void conv_step(conversation *c) {
    ikcpcb *kcp = c->kcp;
    int size;
    while ((size = ikcp_peeksize(kcp)) > 0) {
        if (c->echo && backlog_full(c)) break;
        ensure_work((size_t)size);
        if (ikcp_recv(kcp, (char *)work_buf, size) != size) { fail(c, "ikcp_recv returned an unexpected size"); break; }
        if (!opt.stream && c->recv_total != UINT64_MAX && !c->echo) {
            uint64_t left = c->recv_total - c->received;
            uint64_t want = left < (uint64_t)opt.msg_size ? left : (uint64_t)opt.msg_size;
            if ((uint64_t)size != want) fail(c, "message %llu has %d bytes, expected %llu (message boundary lost)",
                                             (unsigned long long)c->msgs_received, size, (unsigned long long)want);
        }
        if (c->recv_total != UINT64_MAX && c->received + (uint64_t)size > c->recv_total) {
            fail(c, "received more than the %llu bytes expected", (unsigned long long)c->recv_total);
        }
        if (c->verify_recv && !c->failed) {
            static uint8_t *expect;
            static size_t expect_cap;
            int i;
            if ((size_t)size > expect_cap) { expect_cap = (size_t)size * 2; expect = realloc(expect, expect_cap); }
            rng_fill(&c->verify_rng, expect, (size_t)size);
            if (memcmp(expect, work_buf, (size_t)size) != 0) {
                for (i = 0; i < size && expect[i] == work_buf[i]; i++) {}
                fail(c, "received byte %llu differs from the seeded stream",
                     (unsigned long long)(c->received + (uint64_t)i));
            }
        }
        sha256_update(&c->recv_sha, work_buf, (size_t)size);
        c->received += (uint64_t)size;
        c->msgs_received++;
        if (c->echo) {
            if (ikcp_send(kcp, (const char *)work_buf, size) < 0) { fail(c, "ikcp_send refused an echo of %d bytes", size); break; }
            sha256_update(&c->send_sha, work_buf, (size_t)size);
            c->sent += (uint64_t)size;
            c->msgs_sent++;
        }
        if (c->recv_total != UINT64_MAX && c->received >= c->recv_total && c->t_recv_done == 0) {
            c->t_recv_done = now_exact_ms();
        }
    }
    while (c->sent < c->send_total && !c->echo && !backlog_full(c)) {
        uint64_t left = c->send_total - c->sent;
        size_t chunk = opt.stream ? (size_t)kcp->mss * 8 : (size_t)opt.msg_size;
        int r;
        if ((uint64_t)chunk > left) chunk = (size_t)left;
        ensure_work(chunk);
        rng_fill(&c->send_rng, work_buf, chunk);
        r = ikcp_send(kcp, (const char *)work_buf, (int)chunk);
        if (r < 0) { fail(c, "ikcp_send returned %d for %zu bytes", r, chunk); break; }
        sha256_update(&c->send_sha, work_buf, chunk);
        c->sent += chunk;
        c->msgs_sent++;
    }
    if (c->sent >= c->send_total && !c->echo && c->t_send_done == 0 && ikcp_waitsnd(kcp) == 0) {
        c->t_send_done = now_exact_ms();
    }
}

/* True when this conversation has done all it was asked to do. */
static int conv_complete(conversation *c, uint32_t now) {
    int quiet = tdiff(now, c->t_last_rx) >= opt.idle_ms;
    if (c->failed) return 1;
    if (c->echo) {
        if (c->recv_total != UINT64_MAX) return c->received >= c->recv_total && ikcp_waitsnd(c->kcp) == 0;
        return quiet && ikcp_waitsnd(c->kcp) == 0;
    }
    if (c->received < c->recv_total) {
        if (quiet && opt.role != BULK_CLIENT) {
            fail(c, "peer went silent for %ld ms after %llu of %llu bytes", opt.idle_ms,
                 (unsigned long long)c->received, (unsigned long long)c->recv_total);
            return 1;
        }
        return 0;
    }
    if (c->sent < c->send_total) return 0;
    if (ikcp_waitsnd(c->kcp) == 0) return 1;
    /* the peer got everything it asked for and left: our last ACKs went unanswered */
    return opt.role != BULK_CLIENT && quiet;
}

static void print_conv(const char *event, conversation *c) {
    char sha_s[65], sha_r[65], addr[64];
    double end = c->t_done > 0 ? c->t_done : now_exact_ms();
    double elapsed = end - c->t_start;
    double send_ms = c->t_send_done > 0 ? c->t_send_done - c->t_start : -1;
    double recv_ms = c->t_recv_done > 0 ? c->t_recv_done - c->t_start : -1;
    sha256_hex(&c->send_sha, sha_s);
    sha256_hex(&c->recv_sha, sha_r);
    addr_text(&c->addr, addr, sizeof addr);
    printf("{\"event\":\"%s\",\"peer\":\"c-ikcp\",\"role\":\"%s\",\"ok\":%s,\"error\":\"%s\",\"conv\":%u,"
           "\"remote\":\"%s\",\"stream\":%s,\"sent\":%llu,\"received\":%llu,\"messages_sent\":%llu,"
           "\"messages_received\":%llu,\"sha256_sent\":\"%s\",\"sha256_received\":\"%s\",\"elapsed_ms\":%.1f,"
           "\"send_done_ms\":%.1f,\"recv_done_ms\":%.1f,\"goodput_MBps\":%.3f,\"xmit\":%u}\n",
           event, ROLE_NAMES[opt.role], c->failed ? "false" : "true", c->error, c->kcp ? c->kcp->conv : 0, addr,
           opt.stream ? "true" : "false", (unsigned long long)c->sent, (unsigned long long)c->received,
           (unsigned long long)c->msgs_sent, (unsigned long long)c->msgs_received, sha_s, sha_r, elapsed, send_ms,
           recv_ms, elapsed > 0 ? (double)(c->sent + c->received) / 1000.0 / elapsed : 0.0,
           c->kcp ? c->kcp->xmit : 0);
    fflush(stdout);
}

/* ---------------------------------------------------------------- main loop */

int main(int argc, char **argv) {
    struct sockaddr_in bind_sa, peer_sa;
    socklen_t salen = sizeof bind_sa;
    uint32_t start, done_at = 0;
    int finished = 0, failures = 0, timed_out = 0, done = 0, i;
    uint8_t dgram[65536];
    double t0 = now_exact_ms();

    parse_args(argc, argv);
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    signal(SIGPIPE, SIG_IGN);

    sock_fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (sock_fd < 0) { perror("socket"); return EXIT_USAGE; }
    parse_addr(opt.bind_addr, &bind_sa);
    if (bind(sock_fd, (struct sockaddr *)&bind_sa, sizeof bind_sa) != 0) {
        fprintf(stderr, "ikcp_udp_peer: bind %s: %s\n", opt.bind_addr, strerror(errno));
        return EXIT_USAGE;
    }
    fcntl(sock_fd, F_SETFL, fcntl(sock_fd, F_GETFL) | O_NONBLOCK);
    set_bufsize(SO_RCVBUFFORCE, SO_RCVBUF, opt.sockbuf);
    set_bufsize(SO_SNDBUFFORCE, SO_SNDBUF, opt.sockbuf);
    getsockname(sock_fd, (struct sockaddr *)&bind_sa, &salen);

    nconvs = opt.role == BULK_CLIENT ? 1 : opt.max_conns;
    convs = calloc((size_t)nconvs, sizeof *convs);
    start = now_ms();
    if (opt.role == BULK_CLIENT) {
        uint32_t conv = opt.conv_set ? opt.conv : ((uint32_t)getpid() * 2654435761u) ^ (uint32_t)(t0 * 1000);
        parse_addr(opt.connect_addr, &peer_sa);
        conv_open(&convs[0], &peer_sa, conv, start);
    } else {
        printf("{\"event\":\"listening\",\"peer\":\"c-ikcp\",\"role\":\"%s\",\"port\":%u}\n", ROLE_NAMES[opt.role],
               (unsigned)ntohs(bind_sa.sin_port));
        fflush(stdout);
    }

    while (!stop_requested) {
        uint32_t now = now_ms();
        int timeout = 50;
        struct pollfd pfd;

        if (tdiff(now, start) >= opt.timeout_ms) { timed_out = 1; break; }
        for (i = 0; i < nconvs; i++) {
            conversation *c = &convs[i];
            int32_t wait;
            if (!c->used) continue;
            if (tdiff(now, c->next_update) >= 0) {
                ikcp_update(c->kcp, now);
                c->next_update = ikcp_check(c->kcp, now);
            }
            wait = tdiff(c->next_update, now);
            if (wait < timeout) timeout = wait < 0 ? 0 : wait;
        }
        pfd.fd = sock_fd;
        pfd.events = POLLIN;
        pfd.revents = 0;
        if (poll(&pfd, 1, timeout) < 0 && errno != EINTR) { perror("poll"); return EXIT_VERIFY; }
        now = now_ms();

        /* every datagram waiting in the socket */
        for (;;) {
            struct sockaddr_in from;
            socklen_t fl = sizeof from;
            conversation *c = NULL, *free_slot = NULL;
            ssize_t n = recvfrom(sock_fd, dgram, sizeof dgram, 0, (struct sockaddr *)&from, &fl);
            if (n < 0) break;
            if (n < 24) continue;
            for (i = 0; i < nconvs; i++) {
                conversation *k = &convs[i];
                if (k->used && k->addr.sin_addr.s_addr == from.sin_addr.s_addr && k->addr.sin_port == from.sin_port) { c = k; break; }
                if (!k->used && free_slot == NULL) free_slot = k;
            }
            if (c != NULL && c->kcp->conv != ikcp_getconv(dgram)) {
                /* a new conversation from the same address replaces a finished one; otherwise ignore it */
                if (!c->finished) continue;
                conv_close(c);
                free_slot = c;
                c = NULL;
            }
            if (c == NULL) {
                if (opt.role == BULK_CLIENT || free_slot == NULL) continue;
                c = free_slot;
                conv_open(c, &from, ikcp_getconv(dgram), now);
            }
            ikcp_input(c->kcp, (const char *)dgram, (long)n);
            c->t_last_rx = now;
            if (opt.ack_nodelay) ikcp_flush(c->kcp);
        }

        for (i = 0; i < nconvs; i++) {
            conversation *c = &convs[i];
            if (!c->used) continue;
            conv_step(c);
            c->next_update = ikcp_check(c->kcp, now);
            if (!c->finished && conv_complete(c, now)) {
                c->finished = 1;
                c->t_done = now_exact_ms();
                finished++;
                if (c->failed) failures++;
                if (opt.role != BULK_CLIENT) print_conv("session", c);
            }
            if (c->finished && opt.role != BULK_CLIENT && tdiff(now, c->t_last_rx) >= opt.idle_ms) conv_close(c);
        }

        if (!done && failures > 0 && opt.role == BULK_CLIENT) { done = 1; done_at = now; break; }
        if (!done && ((opt.role == BULK_CLIENT && finished >= 1) || (opt.sessions > 0 && finished >= opt.sessions))) {
            done = 1;
            done_at = now;
        }
        if (done) {
            /* linger: keep answering (ACKs for retransmissions) until the peer has been quiet for 200 ms */
            int all_quiet = 1;
            for (i = 0; i < nconvs; i++) {
                if (convs[i].used && tdiff(now, convs[i].t_last_rx) < 200) all_quiet = 0;
            }
            if (all_quiet || tdiff(now, done_at) >= opt.linger_ms) break;
        }
    }

    if (opt.role == BULK_CLIENT) {
        conversation *c = &convs[0];
        if (timed_out && !c->finished) {
            fail(c, "timeout after %ld ms: sent %llu of %llu (%d unacked), received %llu of %llu", opt.timeout_ms,
                 (unsigned long long)c->sent, (unsigned long long)c->send_total, ikcp_waitsnd(c->kcp),
                 (unsigned long long)c->received, (unsigned long long)c->recv_total);
        } else if (stop_requested && !c->finished) {
            fail(c, "stopped before the transfer completed");
        }
        print_conv("result", c);
        if (timed_out && !c->finished) return EXIT_TIMEOUT;
        return c->failed ? EXIT_VERIFY : EXIT_OK;
    }
    /* servers: report conversations that never finished, then the summary */
    for (i = 0; i < nconvs; i++) {
        conversation *c = &convs[i];
        if (c->used && !c->finished) {
            if (opt.sessions > 0 || c->recv_total != UINT64_MAX) {
                if (c->received < c->recv_total || c->sent < c->send_total) {
                    fail(c, "%s before the conversation completed", timed_out ? "timeout" : "stopped");
                    failures++;
                }
            }
            print_conv("session", c);
        }
    }
    {
        int incomplete = opt.sessions > 0 && finished < opt.sessions;
        const char *error = timed_out && incomplete ? "timeout" : failures ? "a conversation failed" : "";
        printf("{\"event\":\"result\",\"peer\":\"c-ikcp\",\"role\":\"%s\",\"ok\":%s,\"error\":\"%s\",\"sessions\":%d,"
               "\"failed\":%d,\"stopped\":%s,\"elapsed_ms\":%.1f}\n",
               ROLE_NAMES[opt.role], failures == 0 && !(timed_out && incomplete) ? "true" : "false", error, finished,
               failures, stop_requested ? "true" : "false", now_exact_ms() - t0);
        fflush(stdout);
        if (failures) return EXIT_VERIFY;
        if (timed_out && incomplete) return EXIT_TIMEOUT;
        return EXIT_OK;
    }
}
