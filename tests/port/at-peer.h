/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A scripted modem for the AT port tests: the far side of a pseudo-terminal
 * or of an abstract unix socket, answering each command line with bytes
 * from a script, and an MdAtPort opened on it with result recorders. */
#pragma once

#include <gio/gio.h>

#include "md-at-port.h"

G_BEGIN_DECLS

typedef enum {
  AT_PEER_PTY,
  AT_PEER_SOCKET,
} AtPeerTransport;

typedef struct {
  AtPeerTransport transport;
  int fd;              /* our end: the pty master or the accepted socket */
  int keep_fd;         /* pty: our own slave fd, so the master never reads EIO */
  int listener;        /* socket: the listening socket */
  char *device;        /* what the port opens */
  GHashTable *replies; /* line -> replies used in turn, the last one sticks; "" = silence */
  gboolean echo;
  GString *received; /* every byte the port wrote */
  GString *line;
  guint source;
  MdAtPort *port;
  GMainLoop *loop;
  guint pending;       /* commands not completed yet */
  GPtrArray *texts;    /* char* or NULL per completed command, in order */
  GPtrArray *errors;   /* GError* or NULL */
  GPtrArray *commands; /* which command each result belongs to */
  guint closed_count;
  GPtrArray *unsolicited;
} AtPeer;

#define AT_PEER_WAIT_MS 20000

AtPeer *at_peer_new (AtPeerTransport transport);
void at_peer_free (AtPeer *peer);
/* Scripts the reply to a line the port writes (a command without its \r,
 * or a payload without its Ctrl-Z). Several replies for one line are used
 * in turn, the last one for good. */
void at_peer_script (AtPeer *peer, const char *line, const char *reply);
/* Bytes from the modem, unprompted. */
void at_peer_write (AtPeer *peer, const char *data);
/* The device goes away: our end closes. */
void at_peer_unplug (AtPeer *peer);

/* Queues a command whose result is recorded in texts/errors. */
void at_peer_send (AtPeer *peer, const char *command, guint timeout_ms, GCancellable *cancellable);
void at_peer_send_payload (AtPeer *peer, const char *command, const char *payload, guint timeout_ms);
/* Runs the main loop until every command completed (or quit is called),
 * aborting the test after AT_PEER_WAIT_MS. */
void at_peer_run (AtPeer *peer);
/* Runs the main loop until cond (polled) holds. */
void at_peer_run_until (AtPeer *peer, gboolean (*cond) (AtPeer *peer));
/* Runs the main loop for ms milliseconds. */
void at_peer_run_for (AtPeer *peer, guint ms);
/* One command, run to completion; returns its index in texts/errors. */
guint at_peer_run_command (AtPeer *peer, const char *command);

const char *at_peer_text (AtPeer *peer, guint i);
const GError *at_peer_error (AtPeer *peer, guint i);

/* An unsolicited handler that records the line in peer->unsolicited. */
void at_peer_record_unsolicited (MdAtPort *port, const char *line, gpointer user_data);

/* Registers func as /at-port/pty/NAME and /at-port/socket/NAME, so every
 * port test runs over both transports. */
void at_peer_add_tests (const char *name, GTestDataFunc func);

G_END_DECLS
