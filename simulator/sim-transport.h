/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Where the simulated modem's AT port lives: a pseudo-terminal (the client
 * opens the slave) or a unix socket in the abstract namespace (one client at
 * a time). Bytes in go to a callback; bytes out are buffered and written as
 * the client reads them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  void (*receive) (const char *data, gsize len, gpointer user_data);
  /* A socket client went away; the next one starts a fresh session. */
  void (*client_gone) (gpointer user_data);
  /* The pty's speed went to 0 (B0): what dropping DTR looks like. */
  void (*line_hangup) (gpointer user_data);
} SimTransportCallbacks;

typedef struct _SimTransport SimTransport;

SimTransport *sim_transport_new_pty (const SimTransportCallbacks *callbacks, gpointer user_data,
                                     GError **error);
/* Serves an inherited fd (taken over, closed on free): a pty master such as
 * umockdev_testbed_get_dev_fd gives, or any stream socket. The path is
 * "fd:N". */
SimTransport *sim_transport_new_fd (int fd, const SimTransportCallbacks *callbacks, gpointer user_data,
                                    GError **error);
/* name is the complete abstract socket name, without the leading NUL. */
SimTransport *sim_transport_new_abstract (const char *name, const SimTransportCallbacks *callbacks,
                                          gpointer user_data, GError **error);
void sim_transport_free (SimTransport *self);

/* The pty slave path, or the abstract name. */
const char *sim_transport_get_path (SimTransport *self);
void sim_transport_write (SimTransport *self, const char *data, gsize len);
/* Holds every write back by delay_ms (0: none), keeping their order: a
 * modem that answers slowly. */
void sim_transport_set_delay (SimTransport *self, guint delay_ms);
/* Closes the port for good: the client reads EOF, EIO or HUP. */
void sim_transport_unplug (SimTransport *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimTransport, sim_transport_free)

G_END_DECLS
