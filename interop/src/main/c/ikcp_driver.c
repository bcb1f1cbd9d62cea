/*
 * ikcp_driver.c — KcpLab's lock-step driver around skywind3000's C ikcp (KcpLab's own code; ikcp.c/ikcp.h
 * are fetched at test time from npm node-kcp@1.0.13 and never committed).
 *
 * Built twice by io.kcplab.interop.NativeIkcp: plain, and with -DIKCP_FASTACK_CONSERVE.
 *
 * ---------------------------------------------------------------------------------------------------------
 * LOCK-STEP MODE (default):  ikcp_driver            (reads scripts on stdin, writes transcripts on stdout)
 * ---------------------------------------------------------------------------------------------------------
 * A script is a block of text lines:
 *
 *     begin <conv>              create endpoints A and B (ikcp_create(conv)), empty channels
 *     <op>                      one operation per line (below); blank lines and lines starting with '#' are ignored
 *     end                       run the block, then print "done" and flush stdout
 *
 * The driver reads the whole block before it runs it (so a writer never blocks on our output), then releases
 * both engines. Any number of blocks may follow; "mode hash" / "mode hex" between blocks selects how emitted
 * datagrams are printed; "quit" or EOF ends the process.
 *
 * Two endpoints A and B. Every datagram an endpoint emits (its output callback) is appended to that
 * endpoint's in-flight list (the channel towards the other endpoint). Nothing moves unless an op says so.
 * An in-flight list holds at most 1024 datagrams; a datagram emitted when the list is full is dropped (tail
 * drop) — the Java runner applies the same rule. Index k of a channel op is taken modulo the list size; a
 * channel op on an empty list does nothing and returns "empty".
 *
 * Endpoint ops (X = A or B; numbers are decimal; times are uint32):
 *   X wndsize <snd> <rcv>              ikcp_wndsize                         -> ret
 *   X nodelay <nd> <interval> <resend> <nc>   ikcp_nodelay (negative = keep; nd>=0 resets rx_minrto) -> ret
 *   X interval <ms>                    ikcp_interval                         -> ret
 *   X mtu <n>                          ikcp_setmtu                           -> ret
 *   X stream <0|1>                     kcp->stream
 *   X minrto <ms>                      kcp->rx_minrto
 *   X fastresend <n>                   kcp->fastresend
 *   X fastlimit <n>                    kcp->fastlimit
 *   X deadlink <n>                     kcp->dead_link
 *   X send <len> <seed>                ikcp_send of len payload bytes, byte i = (seed + i*0x9E3779B1) >> 24
 *                                       (uint32 arithmetic)                  -> ret
 *   X recv <len>                       ikcp_recv into a buffer of |len| bytes (len < 0 = peek, as in ikcp)
 *                                       -> ret, and when ret >= 0 the FNV-1a-64 of the bytes received
 *   X peeksize                         ikcp_peeksize                         -> ret
 *   X waitsnd                          ikcp_waitsnd                          -> ret
 *   X update <t>                       ikcp_update(t)
 *   X current <t>                      kcp->current = t  (ikcp_input takes no time: the RTT sample uses this)
 *   X flush                            ikcp_flush
 *   X check <t>                        ikcp_check(t)                         -> ret (uint32)
 *   X inject <hex>                     ikcp_input of literal bytes ("-" = zero bytes) -> ret
 * Channel ops (X names the SENDING endpoint, i.e. the in-flight list of datagrams X emitted):
 *   deliver X <k>                      remove datagram k, ikcp_input it into the other endpoint -> ret
 *   drop X <k>                         remove datagram k                     -> ret 0
 *   dup X <k>                          insert a copy of datagram k right after it -> ret 0
 *   truncate X <k> <n>                 datagram k keeps its first (n mod (len+1)) bytes -> ret 0
 *   corrupt X <k> <byte> <mask>        datagram k: byte (byte mod len) ^= mask (no-op if len 0) -> ret 0
 *   reorder X <k>                      move datagram k to the tail of the list -> ret 0
 *
 * Transcript, for each op i (0-based, counting op lines only):
 *   @<i> <the op line as read>
 *   > X <len> <fnv64 hex>              each datagram X emitted during the op, in order ("mode hex":
 *                                       "> X <hex bytes>", "> X -" for an empty one). A tail-dropped datagram
 *                                       is still printed, followed by "x X" (the channel dropped it).
 *   = <ret>                            the op's result (omitted for ops without one)
 *   s A <23 fields>                    state of A, then of B, after the op:
 *   s B <23 fields>                    snd_una snd_nxt rcv_nxt rx_srtt rx_rttval rx_rto rx_minrto cwnd ssthresh
 *                                       incr rmt_wnd rcv_wnd snd_wnd probe probe_wait ts_probe ts_flush
 *                                       nsnd_buf nsnd_que nrcv_buf nrcv_que xmit state
 *                                       (rx_* signed, the rest unsigned, all decimal)
 *   done                               after the last op of the block
 * A line the driver cannot parse prints "! <message>" instead of "=" and the script goes on.
 *
 * ---------------------------------------------------------------------------------------------------------
 * BENCH MODE:  ikcp_driver bench <lossPercent> <mebibytes> [seed, default 0x5EED]
 * ---------------------------------------------------------------------------------------------------------
 * The same workload as the Java JMH benchmark (benchmarks/.../KcpBulkBenchmark with kcp/KcplabBulkPair and
 * kcp/VirtualLink); keep the two in step:
 *   - two engines, conv 1, each: ikcp_setmtu(1400), ikcp_wndsize(1024, 1024), ikcp_nodelay(1, 10, 2, 1);
 *     message mode, every message one mss (1376 bytes).
 *   - two one-way links, each a ring of 4096 datagram slots (tail drop when full) with loss drawn per offered
 *     datagram from xorshift64 (x ^= x << 13; x ^= x >> 7; x ^= x << 17; lost if x % 100 < loss), seeded
 *     seed (forward) and seed * 31 + 7 (backward).
 *   - one tick = 1 virtual ms: fill the sender while ikcp_waitsnd < 2048; now++; receiver->current = now;
 *     deliver the datagrams queued on the forward link; ikcp_recv until <= 0 (counting bytes);
 *     sender->current = now; deliver the backward link; ikcp_update(sender, now); ikcp_update(receiver, now).
 *   - an untimed warm-up of a tenth of the bytes (at least 1 MiB), then the timed transfer; prints
 *     CLOCK_MONOTONIC wall time and MiB/s (the JMH score's unit: one op = 1 MiB delivered) and MB/s.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <time.h>
#include "ikcp.h"

/* ikcp.c 1.7 defines ikcp_interval but ikcp.h does not declare it. */
int ikcp_interval(ikcpcb *kcp, int interval);

#define CHANNEL_CAP 1024

typedef struct {
    int len;
    unsigned char *data;
} Datagram;

typedef struct {
    Datagram items[CHANNEL_CAP];
    int size;
} Channel;

typedef struct {
    char name;
    ikcpcb *kcp;
    Channel out; /* datagrams this endpoint emitted, in flight towards the other one */
} Endpoint;

static Endpoint endpoints[2];
static int hex_mode = 0;

/* --------------------------------------------------------------------------------------------------------- */

static uint64_t fnv64(const unsigned char *p, int n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    int i;
    for (i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static void print_hex(const unsigned char *p, int n)
{
    static const char digits[] = "0123456789abcdef";
    int i;
    if (n == 0) {
        putchar('-');
        return;
    }
    for (i = 0; i < n; i++) {
        putchar(digits[p[i] >> 4]);
        putchar(digits[p[i] & 15]);
    }
}

static void channel_clear(Channel *c)
{
    int i;
    for (i = 0; i < c->size; i++) free(c->items[i].data);
    c->size = 0;
}

static void channel_remove(Channel *c, int k, Datagram *out)
{
    *out = c->items[k];
    memmove(&c->items[k], &c->items[k + 1], (size_t)(c->size - k - 1) * sizeof(Datagram));
    c->size--;
}

static int lockstep_output(const char *buf, int len, ikcpcb *kcp, void *user)
{
    Endpoint *e = (Endpoint *)user;
    (void)kcp;
    printf("> %c ", e->name);
    if (hex_mode) {
        print_hex((const unsigned char *)buf, len);
    } else {
        printf("%d %016llx", len, (unsigned long long)fnv64((const unsigned char *)buf, len));
    }
    putchar('\n');
    if (e->out.size >= CHANNEL_CAP) {
        printf("x %c\n", e->name);
        return 0;
    }
    e->out.items[e->out.size].len = len;
    e->out.items[e->out.size].data = (unsigned char *)malloc(len > 0 ? (size_t)len : 1);
    memcpy(e->out.items[e->out.size].data, buf, (size_t)len);
    e->out.size++;
    return 0;
}

static void print_state(const Endpoint *e)
{
    const ikcpcb *k = e->kcp;
    printf("s %c %u %u %u %d %d %d %d %u %u %u %u %u %u %u %u %u %u %u %u %u %u %u %u\n", e->name,
           k->snd_una, k->snd_nxt, k->rcv_nxt, k->rx_srtt, k->rx_rttval, k->rx_rto, k->rx_minrto,
           k->cwnd, k->ssthresh, k->incr, k->rmt_wnd, k->rcv_wnd, k->snd_wnd, k->probe, k->probe_wait,
           k->ts_probe, k->ts_flush, k->nsnd_buf, k->nsnd_que, k->nrcv_buf, k->nrcv_que, k->xmit, k->state);
}

/* --------------------------------------------------------------------------------------------------------- */
/* Script parsing helpers. */

#define MAX_TOKENS 8

static int tokenize(char *line, char **tok)
{
    int n = 0;
    char *p = line;
    while (*p && n < MAX_TOKENS) {
        while (*p == ' ' || *p == '\t') p++;
        if (!*p) break;
        tok[n++] = p;
        while (*p && *p != ' ' && *p != '\t') p++;
        if (*p) *p++ = 0;
    }
    return n;
}

static int parse_long(const char *s, long long *out)
{
    char *end;
    if (s == NULL) return 0;
    *out = strtoll(s, &end, 10);
    return *end == 0 && end != s;
}

static int endpoint_index(const char *s)
{
    if (s == NULL || s[1] != 0) return -1;
    if (s[0] == 'A') return 0;
    if (s[0] == 'B') return 1;
    return -1;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static unsigned char *scratch;
static size_t scratch_cap;

static unsigned char *scratch_buffer(size_t n)
{
    if (n > scratch_cap) {
        scratch_cap = n < 4096 ? 4096 : n;
        scratch = (unsigned char *)realloc(scratch, scratch_cap);
    }
    return scratch;
}

/* Runs one op line; prints the op's "=" or "!" line (outputs are printed by the callback as they happen). */
static void run_op(char *line)
{
    char *tok[MAX_TOKENS];
    long long v[6] = {0, 0, 0, 0, 0, 0};
    int n = tokenize(line, tok);
    int x, i;

    if (n == 0) {
        printf("! empty op\n");
        return;
    }

    /* channel ops */
    if (strcmp(tok[0], "deliver") == 0 || strcmp(tok[0], "drop") == 0 || strcmp(tok[0], "dup") == 0 ||
        strcmp(tok[0], "truncate") == 0 || strcmp(tok[0], "corrupt") == 0 || strcmp(tok[0], "reorder") == 0) {
        Channel *c;
        Datagram d;
        int k, want = 3;
        if (strcmp(tok[0], "truncate") == 0) want = 4;
        if (strcmp(tok[0], "corrupt") == 0) want = 5;
        x = n > 1 ? endpoint_index(tok[1]) : -1;
        if (n != want || x < 0) {
            printf("! bad channel op\n");
            return;
        }
        for (i = 2; i < n; i++) {
            if (!parse_long(tok[i], &v[i - 2]) || v[i - 2] < 0) {
                printf("! bad number\n");
                return;
            }
        }
        c = &endpoints[x].out;
        if (c->size == 0) {
            printf("= empty\n");
            return;
        }
        k = (int)(v[0] % c->size);
        if (strcmp(tok[0], "deliver") == 0) {
            int r;
            channel_remove(c, k, &d);
            r = ikcp_input(endpoints[1 - x].kcp, (const char *)d.data, d.len);
            free(d.data);
            printf("= %d\n", r);
        } else if (strcmp(tok[0], "drop") == 0) {
            channel_remove(c, k, &d);
            free(d.data);
            printf("= 0\n");
        } else if (strcmp(tok[0], "dup") == 0) {
            if (c->size < CHANNEL_CAP) {
                Datagram copy;
                copy.len = c->items[k].len;
                copy.data = (unsigned char *)malloc(copy.len > 0 ? (size_t)copy.len : 1);
                memcpy(copy.data, c->items[k].data, (size_t)copy.len);
                memmove(&c->items[k + 2], &c->items[k + 1], (size_t)(c->size - k - 1) * sizeof(Datagram));
                c->items[k + 1] = copy;
                c->size++;
            }
            printf("= 0\n");
        } else if (strcmp(tok[0], "truncate") == 0) {
            c->items[k].len = (int)(v[1] % (c->items[k].len + 1));
            printf("= 0\n");
        } else if (strcmp(tok[0], "corrupt") == 0) {
            if (c->items[k].len > 0) {
                c->items[k].data[v[1] % c->items[k].len] ^= (unsigned char)(v[2] & 0xff);
            }
            printf("= 0\n");
        } else { /* reorder */
            channel_remove(c, k, &d);
            c->items[c->size++] = d;
            printf("= 0\n");
        }
        return;
    }

    x = endpoint_index(tok[0]);
    if (x < 0 || n < 2) {
        printf("! unknown op\n");
        return;
    }
    {
        ikcpcb *kcp = endpoints[x].kcp;
        const char *op = tok[1];
        int nargs = n - 2;

        if (strcmp(op, "inject") == 0) {
            const char *h = nargs == 1 ? tok[2] : NULL;
            size_t len, j;
            unsigned char *buf;
            if (h == NULL) {
                printf("! bad inject\n");
                return;
            }
            if (strcmp(h, "-") == 0) h = "";
            len = strlen(h);
            if (len % 2 != 0) {
                printf("! bad hex\n");
                return;
            }
            buf = scratch_buffer(len / 2 + 1);
            for (j = 0; j < len / 2; j++) {
                int hi = hex_value(h[2 * j]), lo = hex_value(h[2 * j + 1]);
                if (hi < 0 || lo < 0) {
                    printf("! bad hex\n");
                    return;
                }
                buf[j] = (unsigned char)(hi * 16 + lo);
            }
            printf("= %d\n", ikcp_input(kcp, (const char *)buf, (long)(len / 2)));
            return;
        }

        for (i = 0; i < nargs && i < 6; i++) {
            if (!parse_long(tok[i + 2], &v[i])) {
                printf("! bad number\n");
                return;
            }
        }

#define NEED(k) do { if (nargs != (k)) { printf("! wrong argument count\n"); return; } } while (0)
        if (strcmp(op, "wndsize") == 0) {
            NEED(2);
            printf("= %d\n", ikcp_wndsize(kcp, (int)v[0], (int)v[1]));
        } else if (strcmp(op, "nodelay") == 0) {
            NEED(4);
            printf("= %d\n", ikcp_nodelay(kcp, (int)v[0], (int)v[1], (int)v[2], (int)v[3]));
        } else if (strcmp(op, "interval") == 0) {
            NEED(1);
            printf("= %d\n", ikcp_interval(kcp, (int)v[0]));
        } else if (strcmp(op, "mtu") == 0) {
            NEED(1);
            printf("= %d\n", ikcp_setmtu(kcp, (int)v[0]));
        } else if (strcmp(op, "stream") == 0) {
            NEED(1);
            kcp->stream = (int)v[0];
        } else if (strcmp(op, "minrto") == 0) {
            NEED(1);
            kcp->rx_minrto = (IINT32)v[0];
        } else if (strcmp(op, "fastresend") == 0) {
            NEED(1);
            kcp->fastresend = (int)v[0];
        } else if (strcmp(op, "fastlimit") == 0) {
            NEED(1);
            kcp->fastlimit = (int)v[0];
        } else if (strcmp(op, "deadlink") == 0) {
            NEED(1);
            kcp->dead_link = (IUINT32)v[0];
        } else if (strcmp(op, "send") == 0) {
            unsigned char *buf;
            uint32_t seed;
            long long len;
            NEED(2);
            len = v[0];
            seed = (uint32_t)v[1];
            if (len < 0) {
                printf("= %d\n", ikcp_send(kcp, (const char *)scratch_buffer(1), (int)len));
                return;
            }
            buf = scratch_buffer((size_t)len + 1);
            for (i = 0; i < len; i++) buf[i] = (unsigned char)((seed + (uint32_t)i * 0x9E3779B1u) >> 24);
            printf("= %d\n", ikcp_send(kcp, (const char *)buf, (int)len));
        } else if (strcmp(op, "recv") == 0) {
            long long len;
            int r;
            unsigned char *buf;
            NEED(1);
            len = v[0];
            buf = scratch_buffer((size_t)(len < 0 ? -len : len) + 1);
            r = ikcp_recv(kcp, (char *)buf, (int)len);
            if (r >= 0) printf("= %d %016llx\n", r, (unsigned long long)fnv64(buf, r));
            else printf("= %d\n", r);
        } else if (strcmp(op, "peeksize") == 0) {
            NEED(0);
            printf("= %d\n", ikcp_peeksize(kcp));
        } else if (strcmp(op, "waitsnd") == 0) {
            NEED(0);
            printf("= %d\n", ikcp_waitsnd(kcp));
        } else if (strcmp(op, "update") == 0) {
            NEED(1);
            ikcp_update(kcp, (IUINT32)v[0]);
        } else if (strcmp(op, "current") == 0) {
            NEED(1);
            kcp->current = (IUINT32)v[0];
        } else if (strcmp(op, "flush") == 0) {
            NEED(0);
            ikcp_flush(kcp);
        } else if (strcmp(op, "check") == 0) {
            NEED(1);
            printf("= %u\n", ikcp_check(kcp, (IUINT32)v[0]));
        } else {
            printf("! unknown op\n");
        }
#undef NEED
    }
}

/* --------------------------------------------------------------------------------------------------------- */

static char *read_line(FILE *in)
{
    static char *buf = NULL;
    static size_t cap = 0;
    size_t len = 0;
    int c;
    if (buf == NULL) {
        cap = 1 << 16;
        buf = (char *)malloc(cap);
    }
    while ((c = getc(in)) != EOF) {
        if (c == '\n') break;
        if (len + 1 >= cap) {
            cap *= 2;
            buf = (char *)realloc(buf, cap);
        }
        buf[len++] = (char)c;
    }
    if (c == EOF && len == 0) return NULL;
    while (len > 0 && (buf[len - 1] == '\r' || buf[len - 1] == ' ' || buf[len - 1] == '\t')) len--;
    buf[len] = 0;
    return buf;
}

static void run_block(unsigned long conv, char **lines, int count)
{
    int i, op = 0;
    for (i = 0; i < 2; i++) {
        endpoints[i].name = i == 0 ? 'A' : 'B';
        endpoints[i].kcp = ikcp_create((IUINT32)conv, &endpoints[i]);
        endpoints[i].kcp->output = lockstep_output;
        endpoints[i].out.size = 0;
    }
    for (i = 0; i < count; i++) {
        printf("@%d %s\n", op++, lines[i]);
        run_op(lines[i]);
        print_state(&endpoints[0]);
        print_state(&endpoints[1]);
    }
    for (i = 0; i < 2; i++) {
        ikcp_release(endpoints[i].kcp);
        channel_clear(&endpoints[i].out);
    }
    printf("done\n");
    fflush(stdout);
}

static int lockstep_main(void)
{
    char *line;
    char **lines = NULL;
    int count = 0, cap = 0, in_block = 0;
    unsigned long conv = 0;

    while ((line = read_line(stdin)) != NULL) {
        const char *p = line;
        while (*p == ' ' || *p == '\t') p++;
        if (*p == 0 || *p == '#') continue;
        if (!in_block) {
            if (strncmp(p, "begin", 5) == 0) {
                conv = strtoul(p + 5, NULL, 10);
                in_block = 1;
                count = 0;
            } else if (strcmp(p, "mode hash") == 0) {
                hex_mode = 0;
            } else if (strcmp(p, "mode hex") == 0) {
                hex_mode = 1;
            } else if (strcmp(p, "quit") == 0) {
                break;
            } else {
                printf("! expected begin, mode or quit\n");
                fflush(stdout);
            }
            continue;
        }
        if (strcmp(p, "end") == 0) {
            int i;
            run_block(conv, lines, count);
            for (i = 0; i < count; i++) free(lines[i]);
            count = 0;
            in_block = 0;
            continue;
        }
        if (count == cap) {
            cap = cap ? cap * 2 : 256;
            lines = (char **)realloc(lines, (size_t)cap * sizeof(char *));
        }
        lines[count++] = strdup(p);
    }
    return 0;
}

/* --------------------------------------------------------------------------------------------------------- */
/* Bench mode: mirrors benchmarks/src/main/java/io/kcplab/bench/kcp/KcplabBulkPair.java + VirtualLink.java. */

#define BENCH_MTU 1400
#define BENCH_WINDOW 1024
#define LINK_CAP (4 * BENCH_WINDOW)

typedef struct {
    unsigned char slots[LINK_CAP][BENCH_MTU];
    int lengths[LINK_CAP];
    int head, size, loss;
    uint64_t rng;
    long long dropped;
} Link;

static Link bench_links[2]; /* 0: sender -> receiver, 1: receiver -> sender */

/* VirtualLink.lose(): xorshift64 (13, 7, 17); one draw per offered datagram when loss > 0. */
static int link_lose(Link *l)
{
    if (l->loss <= 0) return 0;
    l->rng ^= l->rng << 13;
    l->rng ^= l->rng >> 7;
    l->rng ^= l->rng << 17;
    return (int)(l->rng % 100) < l->loss;
}

static int bench_output(const char *buf, int len, ikcpcb *kcp, void *user)
{
    Link *l = (Link *)user;
    (void)kcp;
    if (link_lose(l) || l->size == LINK_CAP || len > BENCH_MTU) {
        l->dropped++;
        return 0;
    }
    {
        int tail = (l->head + l->size) % LINK_CAP;
        memcpy(l->slots[tail], buf, (size_t)len);
        l->lengths[tail] = len;
        l->size++;
    }
    return 0;
}

/* VirtualLink.drainTo: delivers the datagrams queued when it starts, oldest first. */
static void link_drain(Link *l, ikcpcb *to)
{
    int n;
    for (n = l->size; n > 0; n--) {
        int h = l->head;
        l->head = (l->head + 1) % LINK_CAP;
        l->size--;
        ikcp_input(to, (const char *)l->slots[h], l->lengths[h]);
    }
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

typedef struct {
    ikcpcb *sender, *receiver;
    char payload[BENCH_MTU];
    char recvbuf[BENCH_MTU];
    IUINT32 now;
    long long delivered;
} BulkPair;

/* KcplabBulkPair.transfer: virtual milliseconds until `bytes` more payload bytes reached the receiver. */
static void bulk_transfer(BulkPair *p, long long bytes)
{
    long long target = p->delivered + bytes;
    int mss = (int)p->sender->mss;
    while (p->delivered < target) {
        int n;
        while (ikcp_waitsnd(p->sender) < 2 * BENCH_WINDOW) ikcp_send(p->sender, p->payload, mss);
        p->now++;
        p->receiver->current = p->now;
        link_drain(&bench_links[0], p->receiver);
        while ((n = ikcp_recv(p->receiver, p->recvbuf, mss)) > 0) p->delivered += n;
        p->sender->current = p->now;
        link_drain(&bench_links[1], p->sender);
        ikcp_update(p->sender, p->now);
        ikcp_update(p->receiver, p->now);
    }
}

static int bench_main(int loss, double mebibytes, uint64_t seed)
{
    static BulkPair p;
    const long long mib = 1LL << 20;
    long long total = (long long)(mebibytes * mib), warm = total / 10 > 0 ? total / 10 : mib, start_bytes;
    IUINT32 start_ms;
    double start, elapsed;
    int i;

    bench_links[0].loss = bench_links[1].loss = loss;
    bench_links[0].rng = seed ? seed : 0x9E3779B97F4A7C15ULL;
    bench_links[1].rng = seed * 31 + 7 ? seed * 31 + 7 : 0x9E3779B97F4A7C15ULL;
    p.sender = ikcp_create(1, &bench_links[0]);
    p.receiver = ikcp_create(1, &bench_links[1]);
    p.sender->output = bench_output;
    p.receiver->output = bench_output;
    for (i = 0; i < 2; i++) {
        ikcpcb *k = i == 0 ? p.sender : p.receiver;
        ikcp_setmtu(k, BENCH_MTU);
        ikcp_wndsize(k, BENCH_WINDOW, BENCH_WINDOW);
        ikcp_nodelay(k, 1, 10, 2, 1);
    }
    for (i = 0; i < (int)p.sender->mss; i++) p.payload[i] = (char)i;

    bulk_transfer(&p, warm); /* untimed warm-up, like JMH's warm-up iterations */
    start_bytes = p.delivered;
    start_ms = p.now;
    start = now_seconds();
    bulk_transfer(&p, total);
    elapsed = now_seconds() - start;
    printf("bench loss=%d%% bytes=%lld virtual_ms=%u seconds=%.3f MiB/s=%.1f MB/s=%.1f dropped=%lld/%lld\n", loss,
           p.delivered - start_bytes, p.now - start_ms, elapsed, (p.delivered - start_bytes) / (double)mib / elapsed,
           (p.delivered - start_bytes) / 1e6 / elapsed, bench_links[0].dropped, bench_links[1].dropped);
    ikcp_release(p.sender);
    ikcp_release(p.receiver);
    return 0;
}

int main(int argc, char **argv)
{
    static char outbuf[1 << 20];
    setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
    if (argc >= 2 && strcmp(argv[1], "bench") == 0) {
        int loss = argc > 2 ? atoi(argv[2]) : 0;
        double mib = argc > 3 ? atof(argv[3]) : 200.0;
        uint64_t seed = argc > 4 ? (uint64_t)strtoull(argv[4], NULL, 0) : 0x5EED;
        int r = bench_main(loss, mib, seed);
        fflush(stdout);
        return r;
    }
    return lockstep_main();
}
