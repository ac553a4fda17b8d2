/*
 * The floor for any server on this machine: one thread, level-triggered epoll, writes back whatever
 * bytes arrive with no WebSocket handshake or framing. Usage: epoll_echo PORT
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF 65536

struct conn {
	int fd;
	char *buf;      /* allocated on first read, so idle connections cost only the kernel's share */
	size_t start, end;
};

static int watch(int ep, struct conn *c, unsigned events, int op) {
	struct epoll_event ev = { .events = events, .data.ptr = c };
	return epoll_ctl(ep, op, c->fd, &ev);
}

static void drop(struct conn *c) {
	close(c->fd);
	free(c->buf);
	free(c);
}

int main(int argc, char **argv) {
	if (argc < 2) {
		fprintf(stderr, "usage: %s PORT\n", argv[0]);
		return 2;
	}
	int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	int one = 1;
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[1])) };
	inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
	if (bind(lfd, (struct sockaddr *) &addr, sizeof addr) || listen(lfd, 4096)) {
		perror("bind/listen");
		return 1;
	}
	int ep = epoll_create1(0);
	struct conn listener = { .fd = lfd };
	watch(ep, &listener, EPOLLIN, EPOLL_CTL_ADD);
	printf("READY %s\n", argv[1]);
	fflush(stdout);
	struct epoll_event events[256];
	for (;;) {
		int n = epoll_wait(ep, events, 256, -1);
		for (int i = 0; i < n; i++) {
			struct conn *c = events[i].data.ptr;
			if (c == &listener) {
				int fd;
				while ((fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
					setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
					struct conn *nc = calloc(1, sizeof *nc);
					nc->fd = fd;
					watch(ep, nc, EPOLLIN, EPOLL_CTL_ADD);
				}
				continue;
			}
			if (c->buf == NULL) {
				c->buf = malloc(BUF);
			}
			if (c->end > c->start) { /* writable again: finish what we owe first */
				ssize_t w = write(c->fd, c->buf + c->start, c->end - c->start);
				if (w < 0 && errno != EAGAIN) {
					drop(c);
					continue;
				}
				if (w > 0) {
					c->start += w;
				}
				if (c->start < c->end) {
					continue;
				}
				c->start = c->end = 0;
				watch(ep, c, EPOLLIN, EPOLL_CTL_MOD);
				continue;
			}
			ssize_t r = read(c->fd, c->buf, BUF);
			if (r == 0 || (r < 0 && errno != EAGAIN)) {
				drop(c);
				continue;
			}
			if (r < 0) {
				continue;
			}
			ssize_t w = write(c->fd, c->buf, r);
			if (w < 0) {
				if (errno != EAGAIN) {
					drop(c);
					continue;
				}
				w = 0;
			}
			if (w < r) { /* stop reading until the peer drains: the echo's back-pressure */
				c->start = w;
				c->end = r;
				watch(ep, c, EPOLLOUT, EPOLL_CTL_MOD);
			}
		}
	}
}
