/*
 * Preloaded into the Chromium the browser tests launch. Chromium watches the host's network
 * interfaces over a NETLINK_ROUTE socket and aborts every request in flight with
 * ERR_NETWORK_CHANGED when one changes, and Docker adds and removes a veth interface with each
 * container the tests start. Refusing that one kind of socket makes Chromium take its own
 * "cannot watch, assume online" path; every other socket is the C library's.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <linux/netlink.h>
#include <sys/socket.h>

int socket(int domain, int type, int protocol) {
  static int (*real_socket)(int, int, int);
  if (domain == AF_NETLINK && protocol == NETLINK_ROUTE) {
    errno = EAFNOSUPPORT;
    return -1;
  }
  if (!real_socket) real_socket = (int (*)(int, int, int))dlsym(RTLD_NEXT, "socket");
  return real_socket(domain, type, protocol);
}
