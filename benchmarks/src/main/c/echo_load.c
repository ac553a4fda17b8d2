/*
 * The echo load client: one thread, level-triggered epoll, pinned to one CPU. It exists because the
 * Java client's one selector thread could not stay ahead of the fastest servers: it measured itself.
 *
 * N connections (WebSocket upgrade, or raw TCP for the raw echoes), K messages in flight on each.
 * Every message is the prebuilt, masked frame that the Java harness wrote to a file (its
 * FrameTemplate), with a 16-hex-digit send timestamp in the payload; only those bytes change per
 * copy. Every returned message is compared byte for byte with what was sent, the timestamp aside:
 * unmasked for a WebSocket server, still masked for a raw echo, which returns the client's frames.
 * Large frames are written straight from the template with writev (the stamped head copied, the
 * rest shared) and checked as they stream in, so a 16 MiB message is never copied or buffered.
 *
 * Usage: echo_load --port P --frame FILE --stamp-at N --conns N --depth K --warmup-ms MS
 *                  --measure-ms MS [--raw] [--path /echo] [--server-pid PID] [--cpu N]
 * It polls epoll without sleeping while replies keep coming (SPIN_NS): a client that must be woken
 * for every batch of replies leaves both sides idle half the time on this machine's virtual CPUs,
 * measuring wake-up latency instead of the server. After SPIN_NS without an event it sleeps, so a
 * server that lost its core to other work does not also see that work pushed onto it by a spinner. The CPU time it polled in vain is reported apart
 * (client_idle: empty polls times the CPU cost of one, measured before the load starts, so that
 * time its core was taken by other work does not count), and its busy share still says how much
 * room it had.
 *
 * Prints one line, "RESULT counted=... errors=... server_cpu=S client_cpu=S client_wait=S client_idle=S
 * buckets=I:C,...",
 * or "FAIL reason" and exits 1.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define STAMP 16
#define READ_BUF (256 * 1024)
/* Frames up to this size are copied whole per message: one iovec each. */
#define SMALL_FRAME 512
#define OPEN_CONCURRENCY 64
#define OPEN_TIMEOUT_NS 30000000000LL
#define DRAIN_NS 3000000000LL
#define SPIN_NS 100000
/* Latency buckets, log-linear: values under 2^SUB_BITS+1 exact, then 2^SUB_BITS buckets per power of two. */
#define SUB_BITS 6
#define LINEAR (1 << (SUB_BITS + 1))
#define BUCKETS (LINEAR + (64 - SUB_BITS - 1) * (1 << SUB_BITS))

enum state { CONNECTING, HANDSHAKE, OPEN };

/* One queued write: a stamped head (or a pong) and the template's shared tail. */
struct slot {
	unsigned char *head;
	size_t head_len;
	size_t tail_len;
};

struct conn {
	int fd;
	enum state state;
	int want_out;
	char *handshake;
	size_t handshake_len;
	/* the frame being parsed (RFC 6455 §5.2) */
	unsigned char hdr[14];
	int hdr_len, hdr_need;
	int in_payload;
	uint64_t remaining, frame_pos;
	unsigned char key[4];
	int masked, opcode, fin;
	unsigned char control[125];
	int control_len;
	/* the message being checked, fragments joined */
	uint64_t msg_off;
	int bad;
	unsigned char stamp[STAMP];
	/* sending */
	int inflight;
	struct slot *ring;
	int ring_size, q_head, q_count;
	size_t q_off;
	unsigned char *heads;
	int next_head;
	unsigned char pong[2 + 4 + 125];
};

static const unsigned char *frame;
static size_t frame_len, payload_off, payload_len, stamp_at, head_len;
static unsigned char *expected_plain, *expected_masked;
static int opcode_sent;
static int depth, sending = 1;
static int64_t measure_from, measure_to;
static uint64_t counted, errors, inflight_total;
static uint64_t buckets[BUCKETS];
static unsigned char read_buf[READ_BUF];
static int epfd;

static void fail(const char *format, ...) {
	va_list args;
	va_start(args, format);
	printf("FAIL ");
	vprintf(format, args);
	printf("\n");
	va_end(args);
	fflush(stdout);
	exit(1);
}

static int64_t now_ns(void) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t) t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* utime + stime of a process, from /proc/PID/stat; NaN when it cannot be read. */
static double process_cpu(long pid) {
	char path[64], text[2048];
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		return NAN;
	}
	ssize_t n = read(fd, text, sizeof text - 1);
	close(fd);
	if (n <= 0) {
		return NAN;
	}
	text[n] = 0;
	char *p = strrchr(text, ')');
	if (p == NULL) {
		return NAN;
	}
	unsigned long utime, stime;
	/* after ") ": state, then fields 4 to 13, then utime (14) and stime (15) */
	if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) != 2) {
		return NAN;
	}
	return (utime + stime) / (double) sysconf(_SC_CLK_TCK);
}

/*
 * This thread's time on the CPU and waiting for it in the run queue, in seconds
 * (/proc/thread-self/schedstat): what it waited, other work on its core took from it. Without
 * schedstat, getrusage's CPU time and no wait.
 */
static void own_cpu(double *cpu, double *wait) {
	unsigned long long on_cpu, queued;
	FILE *f = fopen("/proc/thread-self/schedstat", "r");
	if (f != NULL && fscanf(f, "%llu %llu", &on_cpu, &queued) == 2) {
		fclose(f);
		*cpu = on_cpu / 1e9;
		*wait = queued / 1e9;
		return;
	}
	if (f != NULL) {
		fclose(f);
	}
	struct rusage usage;
	getrusage(RUSAGE_SELF, &usage);
	*cpu = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
	*wait = 0;
}

/* The CPU time of one empty poll and loop turn, in seconds, on this thread's clock. */
static double empty_poll_cost(struct epoll_event *events) {
	enum { POLLS = 20000 };
	struct timespec from, to;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &from);
	for (int i = 0; i < POLLS; i++) {
		epoll_wait(epfd, events, 512, 0);
		now_ns();
	}
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &to);
	return ((to.tv_sec - from.tv_sec) + (to.tv_nsec - from.tv_nsec) / 1e9) / POLLS;
}

static int bucket(uint64_t v) {
	if (v < LINEAR) {
		return (int) v;
	}
	int e = 63 - __builtin_clzll(v);
	return LINEAR + (e - SUB_BITS - 1) * (1 << SUB_BITS) + (int) ((v >> (e - SUB_BITS)) & ((1 << SUB_BITS) - 1));
}

static void watch(struct conn *c, int op) {
	struct epoll_event ev = { .events = EPOLLIN | (c->want_out ? EPOLLOUT : 0), .data.ptr = c };
	if (epoll_ctl(epfd, op, c->fd, &ev) != 0) {
		fail("epoll_ctl: %s", strerror(errno));
	}
}

/* The send timestamp as the Java FrameTemplate writes it: 16 lower-case hex digits, masked in place. */
static void masked_stamp(int64_t nanos, unsigned char out[STAMP]) {
	static const char hex[] = "0123456789abcdef";
	const unsigned char *key = frame + payload_off - 4;
	for (int i = 0; i < STAMP; i++) {
		out[i] = hex[(nanos >> ((STAMP - 1 - i) * 4)) & 0xf] ^ key[(stamp_at + i) & 3];
	}
}

static void enqueue(struct conn *c, unsigned char *head, size_t length, size_t tail) {
	struct slot *s = &c->ring[(c->q_head + c->q_count) % c->ring_size];
	s->head = head;
	s->head_len = length;
	s->tail_len = tail;
	c->q_count++;
}

/* Tops the connection up to depth messages in flight, all stamped with now. */
static void refill(struct conn *c, int64_t now) {
	if (!sending || c->inflight >= depth) {
		return;
	}
	unsigned char stamp[STAMP];
	masked_stamp(now, stamp);
	while (c->inflight < depth) {
		unsigned char *head = c->heads + (size_t) c->next_head * head_len;
		c->next_head = (c->next_head + 1) % (depth + 1);
		memcpy(head, frame, head_len);
		memcpy(head + payload_off + stamp_at, stamp, STAMP);
		enqueue(c, head, head_len, frame_len - head_len);
		c->inflight++;
		inflight_total++;
	}
}

/* Writes what the socket takes; asks for EPOLLOUT while anything is left. */
static void flush(struct conn *c) {
	while (c->q_count > 0) {
		struct iovec iov[64];
		int n = 0;
		size_t skip = c->q_off;
		for (int i = 0; i < c->q_count && n < 62; i++) {
			struct slot *s = &c->ring[(c->q_head + i) % c->ring_size];
			if (skip < s->head_len) {
				iov[n].iov_base = s->head + skip;
				iov[n++].iov_len = s->head_len - skip;
				skip = 0;
			}
			else {
				skip -= s->head_len;
			}
			if (s->tail_len > 0) {
				iov[n].iov_base = (void *) (frame + frame_len - s->tail_len + skip);
				iov[n++].iov_len = s->tail_len - skip;
			}
			skip = 0;
		}
		ssize_t w = writev(c->fd, iov, n);
		if (w < 0) {
			if (errno == EAGAIN) {
				break;
			}
			fail("write: %s", strerror(errno));
		}
		size_t left = (size_t) w;
		while (left > 0) {
			struct slot *s = &c->ring[c->q_head];
			size_t rest = s->head_len + s->tail_len - c->q_off;
			if (left < rest) {
				c->q_off += left;
				break;
			}
			left -= rest;
			c->q_off = 0;
			c->q_head = (c->q_head + 1) % c->ring_size;
			c->q_count--;
		}
	}
	int want = c->q_count > 0;
	if (want != c->want_out) {
		c->want_out = want;
		watch(c, EPOLL_CTL_MOD);
	}
}

/* A server ping gets a masked pong with the same payload (RFC 6455 §5.5.3), all-zero mask key. */
static void pong(struct conn *c) {
	for (int i = 0; i < c->q_count; i++) {
		if (c->ring[(c->q_head + i) % c->ring_size].head == c->pong) {
			return; /* one already waits: an answer to the latest is enough */
		}
	}
	c->pong[0] = 0x8a;
	c->pong[1] = 0x80 | c->control_len;
	memset(c->pong + 2, 0, 4);
	memcpy(c->pong + 6, c->control, c->control_len);
	enqueue(c, c->pong, 6 + c->control_len, 0);
}

static void control_frame(struct conn *c) {
	if (c->opcode == 0x9) {
		pong(c);
	}
	else if (c->opcode == 0x8) {
		int code = (c->control_len >= 2) ? (c->control[0] << 8) | c->control[1] : 0;
		fail("Server sent a close frame: %d %.*s", code, c->control_len > 2 ? c->control_len - 2 : 0, c->control + 2);
	}
}

static void message_done(struct conn *c, int64_t now) {
	if (c->msg_off != payload_len) {
		c->bad = 1;
	}
	int64_t stamp = 0;
	for (int i = 0; i < STAMP; i++) {
		unsigned char ch = c->stamp[i];
		int digit = (ch >= '0' && ch <= '9') ? ch - '0' : (ch >= 'a' && ch <= 'f') ? ch - 'a' + 10 : -1;
		if (digit < 0) {
			c->bad = 1;
			stamp = 0;
			break;
		}
		stamp = (stamp << 4) | digit;
	}
	errors += c->bad;
	c->inflight--;
	inflight_total--;
	if (now >= measure_from && now < measure_to) {
		counted++;
	}
	if (stamp >= measure_from && now < measure_to && stamp <= now) {
		buckets[bucket((uint64_t) (now - stamp))]++;
	}
}

/* Checks n payload bytes of the current data frame against what was sent, the timestamp aside. */
static void check(struct conn *c, const unsigned char *data, size_t n) {
	const unsigned char *expected = c->masked ? expected_masked : expected_plain;
	uint64_t from = c->msg_off, to = from + n;
	if (to > payload_len) {
		c->bad = 1;
		to = payload_len > from ? payload_len : from;
	}
	uint64_t stamp_from = stamp_at, stamp_to = stamp_at + STAMP;
	for (uint64_t p = (from > stamp_from ? from : stamp_from); p < to && p < stamp_to; p++) {
		unsigned char b = data[p - from];
		c->stamp[p - stamp_from] = c->masked ? b ^ c->key[(c->frame_pos + (p - from)) & 3] : b;
	}
	uint64_t head_to = to < stamp_from ? to : stamp_from;
	if (from < head_to && memcmp(data, expected + from, head_to - from) != 0) {
		c->bad = 1;
	}
	uint64_t tail_from = from > stamp_to ? from : stamp_to;
	if (tail_from < to && memcmp(data + (tail_from - from), expected + tail_from, to - tail_from) != 0) {
		c->bad = 1;
	}
	c->msg_off += n;
}

static void frame_start(struct conn *c) {
	unsigned char *h = c->hdr;
	c->fin = h[0] & 0x80;
	c->opcode = h[0] & 0x0f;
	c->masked = h[1] & 0x80;
	uint64_t length = h[1] & 0x7f;
	int at = 2;
	if (length == 126) {
		length = ((uint64_t) h[2] << 8) | h[3];
		at = 4;
	}
	else if (length == 127) {
		length = 0;
		for (int i = 0; i < 8; i++) {
			length = (length << 8) | h[2 + i];
		}
		at = 10;
	}
	if (c->masked) {
		memcpy(c->key, h + at, 4);
	}
	c->remaining = length;
	c->frame_pos = 0;
	c->in_payload = 1;
	c->hdr_len = 0;
	if (c->opcode >= 0x8) {
		if (length > 125) {
			fail("Server sent a control frame of %llu bytes", (unsigned long long) length);
		}
		c->control_len = 0;
	}
	else if (c->opcode != 0x0) {
		c->msg_off = 0;
		c->bad = (c->opcode != opcode_sent) || (h[0] & 0x70) != 0;
		memset(c->stamp, 0, STAMP);
	}
}

/* Feeds received bytes through the frame parser; a header may be split anywhere. */
static void consume(struct conn *c, const unsigned char *data, size_t n, int64_t now) {
	while (n > 0 || (c->in_payload && c->remaining == 0)) {
		if (!c->in_payload) {
			if (c->hdr_len == 0 && n >= 2) { /* the usual case: the whole header at hand, parsed in place */
				int len = data[1] & 0x7f;
				size_t need = 2 + (len == 126 ? 2 : len == 127 ? 8 : 0) + ((data[1] & 0x80) ? 4 : 0);
				if (n >= need) {
					memcpy(c->hdr, data, need);
					data += need;
					n -= need;
					frame_start(c);
					continue;
				}
			}
			if (c->hdr_len < 2) {
				c->hdr[c->hdr_len++] = *data++;
				n--;
				if (c->hdr_len == 2) {
					int len = c->hdr[1] & 0x7f;
					c->hdr_need = 2 + (len == 126 ? 2 : len == 127 ? 8 : 0) + ((c->hdr[1] & 0x80) ? 4 : 0);
				}
				else {
					continue;
				}
			}
			size_t take = (size_t) (c->hdr_need - c->hdr_len) < n ? (size_t) (c->hdr_need - c->hdr_len) : n;
			memcpy(c->hdr + c->hdr_len, data, take);
			c->hdr_len += take;
			data += take;
			n -= take;
			if (c->hdr_len < c->hdr_need) {
				return;
			}
			frame_start(c);
			continue;
		}
		size_t take = c->remaining < n ? (size_t) c->remaining : n;
		if (c->opcode >= 0x8) {
			for (size_t i = 0; i < take; i++) {
				c->control[c->control_len++] = c->masked ? data[i] ^ c->key[(c->frame_pos + i) & 3] : data[i];
			}
		}
		else {
			check(c, data, take);
		}
		c->frame_pos += take;
		c->remaining -= take;
		data += take;
		n -= take;
		if (c->remaining == 0) {
			c->in_payload = 0;
			if (c->opcode >= 0x8) {
				control_frame(c);
			}
			else if (c->fin) {
				message_done(c, now);
			}
		}
	}
}

static const char *upgrade_request(const char *path, int port) {
	static char request[512];
	/* The fixed key of RFC 6455 §1.3; the client checks the status line, not the accept value. */
	snprintf(request, sizeof request,
			"GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
			"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
			path, port);
	return request;
}

static struct conn *start_connect(struct sockaddr_in *addr) {
	struct conn *c = calloc(1, sizeof *c);
	c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	int one = 1;
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (connect(c->fd, (struct sockaddr *) addr, sizeof *addr) != 0 && errno != EINPROGRESS) {
		fail("connect: %s", strerror(errno));
	}
	c->state = CONNECTING;
	c->want_out = 1;
	c->ring_size = depth + 2;
	c->ring = calloc(c->ring_size, sizeof *c->ring);
	c->heads = malloc((size_t) (depth + 1) * head_len);
	watch(c, EPOLL_CTL_ADD);
	return c;
}

/* Moves a connection through connect and upgrade; returns 1 once it is open. */
static int advance(struct conn *c, unsigned events, int raw, const char *request) {
	if (c->state == CONNECTING && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
		int error = 0;
		socklen_t len = sizeof error;
		getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &error, &len);
		if (error != 0) {
			fail("connect: %s", strerror(error));
		}
		c->want_out = 0;
		watch(c, EPOLL_CTL_MOD);
		if (raw) {
			c->state = OPEN;
			return 1;
		}
		if (write(c->fd, request, strlen(request)) != (ssize_t) strlen(request)) {
			fail("Upgrade request did not fit the socket buffer");
		}
		c->state = HANDSHAKE;
		c->handshake = malloc(8192);
		return 0;
	}
	if (c->state == HANDSHAKE && (events & EPOLLIN)) {
		ssize_t r = read(c->fd, c->handshake + c->handshake_len, 8191 - c->handshake_len);
		if (r == 0) {
			fail("Server closed the connection during the handshake");
		}
		if (r < 0) {
			return 0;
		}
		c->handshake_len += r;
		c->handshake[c->handshake_len] = 0;
		char *end = strstr(c->handshake, "\r\n\r\n");
		if (end == NULL) {
			if (c->handshake_len >= 8191) {
				fail("Upgrade response head over 8 KiB");
			}
			return 0;
		}
		if (strncmp(c->handshake, "HTTP/1.1 101", 12) != 0) {
			*strstr(c->handshake, "\r\n") = 0; /* the status line says enough, on one line */
			fail("Upgrade refused: %s", c->handshake);
		}
		c->state = OPEN;
		size_t used = (size_t) (end + 4 - c->handshake);
		if (used < c->handshake_len) { /* frames right behind the 101 response */
			consume(c, (unsigned char *) c->handshake + used, c->handshake_len - used, now_ns());
		}
		free(c->handshake);
		c->handshake = NULL;
		return 1;
	}
	return 0;
}

static void load_frame(const char *file) {
	FILE *f = fopen(file, "rb");
	if (f == NULL) {
		fail("cannot open %s: %s", file, strerror(errno));
	}
	fseek(f, 0, SEEK_END);
	frame_len = (size_t) ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *bytes = malloc(frame_len);
	if (fread(bytes, 1, frame_len, f) != frame_len) {
		fail("cannot read %s", file);
	}
	fclose(f);
	frame = bytes;
	int length = frame[1] & 0x7f;
	payload_off = 2 + (length == 126 ? 2 : length == 127 ? 8 : 0) + 4;
	payload_len = frame_len - payload_off;
	opcode_sent = frame[0] & 0x0f;
	expected_masked = (unsigned char *) frame + payload_off;
	expected_plain = malloc(payload_len);
	for (size_t i = 0; i < payload_len; i++) {
		expected_plain[i] = frame[payload_off + i] ^ frame[payload_off - 4 + (i & 3)];
	}
	head_len = (frame_len <= SMALL_FRAME) ? frame_len : payload_off + stamp_at + STAMP;
}

static void pin(int cpu) {
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof set, &set) != 0) {
		fprintf(stderr, "echo_load: could not pin to CPU %d: %s\n", cpu, strerror(errno));
	}
}

int main(int argc, char **argv) {
	int port = 0, conns = 0, raw = 0, cpu = -1;
	long server_pid = 0, warmup_ms = 0, measure_ms = 0;
	const char *path = "/echo", *file = NULL;
	depth = 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = (i + 1 < argc) ? argv[i + 1] : "";
		if (!strcmp(a, "--raw")) {
			raw = 1;
			continue;
		}
		i++;
		if (!strcmp(a, "--port")) port = atoi(v);
		else if (!strcmp(a, "--path")) path = v;
		else if (!strcmp(a, "--frame")) file = v;
		else if (!strcmp(a, "--stamp-at")) stamp_at = (size_t) atol(v);
		else if (!strcmp(a, "--conns")) conns = atoi(v);
		else if (!strcmp(a, "--depth")) depth = atoi(v);
		else if (!strcmp(a, "--warmup-ms")) warmup_ms = atol(v);
		else if (!strcmp(a, "--measure-ms")) measure_ms = atol(v);
		else if (!strcmp(a, "--server-pid")) server_pid = atol(v);
		else if (!strcmp(a, "--cpu")) cpu = atoi(v);
		else fail("unknown argument %s", a);
	}
	if (port <= 0 || conns <= 0 || depth <= 0 || file == NULL) {
		fail("usage: echo_load --port P --frame FILE --stamp-at N --conns N --depth K --warmup-ms MS --measure-ms MS "
				"[--raw] [--path /echo] [--server-pid PID] [--cpu N]");
	}
	if (cpu >= 0) {
		pin(cpu);
	}
	load_frame(file);
	if (payload_len < stamp_at + STAMP) {
		fail("frame payload of %zu bytes has no room for the timestamp at %zu", payload_len, stamp_at);
	}
	epfd = epoll_create1(0);
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(port) };
	inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
	const char *request = upgrade_request(path, port);
	struct conn **all = calloc(conns, sizeof *all);
	struct epoll_event events[512];
	int opened = 0, started = 0, pending = 0;
	int64_t deadline = now_ns() + OPEN_TIMEOUT_NS;
	/* A bounded number of connects at a time, so that no server's accept backlog overflows. */
	while (opened < conns) {
		while (pending < OPEN_CONCURRENCY && started < conns) {
			all[started++] = start_connect(&addr);
			pending++;
		}
		if (now_ns() > deadline) {
			fail("Opened %d of %d connections in %lld ms", opened, conns, OPEN_TIMEOUT_NS / 1000000);
		}
		int n = epoll_wait(epfd, events, 512, 10);
		for (int i = 0; i < n; i++) {
			if (advance(events[i].data.ptr, events[i].events, raw, request)) {
				opened++;
				pending--;
			}
		}
	}
	/* Nothing was sent yet: every poll comes back empty. */
	double poll_cost = empty_poll_cost(events);
	int64_t start = now_ns();
	measure_from = start + warmup_ms * 1000000LL;
	measure_to = measure_from + measure_ms * 1000000LL;
	for (int i = 0; i < conns; i++) {
		refill(all[i], start);
		flush(all[i]);
	}
	double server_cpu_from = NAN, server_cpu_to = NAN, client_cpu_from = NAN, client_cpu_to = NAN;
	double client_wait_from = 0, client_wait_to = 0;
	uint64_t empty_polls = 0, idle_from = 0, idle_to = 0;
	int64_t drain_until = INT64_MAX, last_event = start;
	for (;;) {
		int64_t now = now_ns();
		if (isnan(client_cpu_from) && now >= measure_from) {
			server_cpu_from = server_pid > 0 ? process_cpu(server_pid) : NAN;
			own_cpu(&client_cpu_from, &client_wait_from);
			idle_from = empty_polls;
		}
		if (isnan(client_cpu_to) && now >= measure_to) {
			server_cpu_to = server_pid > 0 ? process_cpu(server_pid) : NAN;
			own_cpu(&client_cpu_to, &client_wait_to);
			idle_to = empty_polls;
		}
		if (sending && now >= measure_to) {
			sending = 0;
			drain_until = now + DRAIN_NS;
		}
		if (!sending && (inflight_total == 0 || now >= drain_until)) {
			break;
		}
		int spinning = now - last_event < SPIN_NS;
		int n = epoll_wait(epfd, events, 512, spinning ? 0 : 1);
		empty_polls += (n == 0 && spinning);
		now = now_ns();
		if (n > 0) {
			last_event = now;
		}
		for (int i = 0; i < n; i++) {
			struct conn *c = events[i].data.ptr;
			if (events[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) {
				ssize_t r = read(c->fd, read_buf, READ_BUF);
				if (r == 0) {
					fail("Server closed the connection");
				}
				if (r < 0 && errno != EAGAIN) {
					fail("read: %s", strerror(errno));
				}
				if (r > 0) {
					consume(c, read_buf, (size_t) r, now);
					refill(c, now);
				}
			}
			flush(c);
		}
	}
	for (int i = 0; i < conns; i++) {
		/* A reset: no TIME_WAIT left behind to exhaust ports between scenarios. */
		struct linger reset = { .l_onoff = 1, .l_linger = 0 };
		setsockopt(all[i]->fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
		close(all[i]->fd);
	}
	printf("RESULT counted=%llu errors=%llu server_cpu=%.6f client_cpu=%.6f client_wait=%.6f client_idle=%.6f buckets=",
			(unsigned long long) counted, (unsigned long long) errors, server_cpu_to - server_cpu_from,
			client_cpu_to - client_cpu_from, client_wait_to - client_wait_from, (idle_to - idle_from) * poll_cost);
	const char *separator = "";
	for (int i = 0; i < BUCKETS; i++) {
		if (buckets[i] != 0) {
			printf("%s%d:%llu", separator, i, (unsigned long long) buckets[i]);
			separator = ",";
		}
	}
	printf("\n");
	return 0;
}
