/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The scripted modem of the AT port tests; see at-peer.h. It runs in the
 * test's main loop, except that replies over 2 KiB are written from a
 * thread because a pty only buffers a few KiB. */
#include "at-peer.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include "md-errors.h"
#include "md-log.h"

#define BIG_REPLY 2048

typedef struct {
  AtPeer *peer;
  char *command;
} Call;

static void
write_all (int fd, const char *data, gsize len)
{
  gsize done = 0;

  while (done < len) {
    gssize n = write (fd, data + done, len - done);

    if (n < 0 && errno == EINTR)
      continue;
    g_assert_cmpint (n, >, 0);
    done += (gsize)n;
  }
}

typedef struct {
  int fd;
  char *data;
} BigWrite;

static gpointer
write_in_thread (gpointer user_data)
{
  BigWrite *w = user_data;

  write_all (w->fd, w->data, strlen (w->data));
  g_free (w->data);
  g_free (w);
  return NULL;
}

typedef struct {
  GPtrArray *replies;
  guint next;
} Script;

static void
script_free (gpointer data)
{
  Script *script = data;

  g_ptr_array_unref (script->replies);
  g_free (script);
}

static const char *
next_reply (AtPeer *peer, const char *line)
{
  Script *script = g_hash_table_lookup (peer->replies, line);
  guint i;

  if (!script)
    return NULL;
  i = MIN (script->next, script->replies->len - 1);
  script->next++;
  return g_ptr_array_index (script->replies, i);
}

static void
answer (AtPeer *peer, const char *line, char terminator)
{
  const char *reply = next_reply (peer, line);

  if (peer->echo) {
    g_autofree char *echo = g_strdup_printf ("%s%c", line, terminator);

    write_all (peer->fd, echo, strlen (echo));
  }
  if (!reply || !*reply)
    return;
  if (strlen (reply) > BIG_REPLY) {
    BigWrite *w = g_new0 (BigWrite, 1);

    w->fd = peer->fd;
    w->data = g_strdup (reply);
    g_thread_unref (g_thread_new ("at-peer-writer", write_in_thread, w));
    return;
  }
  write_all (peer->fd, reply, strlen (reply));
}

static gboolean
peer_readable (gint fd, GIOCondition condition, gpointer user_data)
{
  AtPeer *peer = user_data;
  char buffer[4096];
  gssize n = read (fd, buffer, sizeof buffer);

  if (n <= 0) {
    peer->source = 0;
    return G_SOURCE_REMOVE;
  }
  g_string_append_len (peer->received, buffer, n);
  for (gssize i = 0; i < n; i++) {
    if (buffer[i] == '\x1b') {
      /* Escape abandons a PDU after the prompt, as on a real modem. */
      g_string_truncate (peer->line, 0);
    } else if (buffer[i] == '\r' || buffer[i] == '\x1a') {
      g_autofree char *line = g_strdup (peer->line->str);

      g_string_truncate (peer->line, 0);
      answer (peer, line, buffer[i]);
    } else if (buffer[i] != '\n') {
      g_string_append_c (peer->line, buffer[i]);
    }
  }
  return G_SOURCE_CONTINUE;
}

static void
on_closed (MdAtPort *port, GError *error, gpointer user_data)
{
  AtPeer *peer = user_data;

  g_assert_error (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN);
  peer->closed_count++;
}

static void
setup_pty (AtPeer *peer)
{
  struct termios tio;

  peer->fd = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
  g_assert_cmpint (peer->fd, >=, 0);
  g_assert_cmpint (grantpt (peer->fd), ==, 0);
  g_assert_cmpint (unlockpt (peer->fd), ==, 0);
  g_assert_cmpint (tcgetattr (peer->fd, &tio), ==, 0);
  cfmakeraw (&tio);
  g_assert_cmpint (tcsetattr (peer->fd, TCSANOW, &tio), ==, 0);
  peer->device = g_strdup (ptsname (peer->fd));
  peer->keep_fd = open (peer->device, O_RDWR | O_NOCTTY | O_CLOEXEC);
  g_assert_cmpint (peer->keep_fd, >=, 0);
}

static void
setup_listener (AtPeer *peer)
{
  static guint counter;
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  gsize len;

  /* The abstract name is the whole string, "abstract:" included. */
  peer->device = g_strdup_printf ("abstract:modemd-test-at-port-%d-%u", getpid (), counter++);
  len = strlen (peer->device);
  memcpy (addr.sun_path + 1, peer->device, len);
  peer->listener = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (peer->listener, >=, 0);
  g_assert_cmpint (bind (peer->listener, (struct sockaddr *)&addr,
                         (socklen_t)(offsetof (struct sockaddr_un, sun_path) + 1 + len)),
                   ==, 0);
  g_assert_cmpint (listen (peer->listener, 1), ==, 0);
}

AtPeer *
at_peer_new (AtPeerTransport transport)
{
  AtPeer *peer = g_new0 (AtPeer, 1);
  g_autoptr (GError) error = NULL;

  /* Debug logs exercise the masking of traffic; meson turns them on. */
  if (g_getenv ("MD_TEST_DEBUG"))
    md_log_set_level (MD_LOG_LEVEL_DEBUG);
  peer->transport = transport;
  peer->fd = peer->keep_fd = peer->listener = -1;
  if (transport == AT_PEER_PTY)
    setup_pty (peer);
  else
    setup_listener (peer);
  peer->replies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, script_free);
  peer->received = g_string_new (NULL);
  peer->line = g_string_new (NULL);
  peer->texts = g_ptr_array_new_with_free_func (g_free);
  peer->errors = g_ptr_array_new ();
  peer->commands = g_ptr_array_new_with_free_func (g_free);
  peer->unsolicited = g_ptr_array_new_with_free_func (g_free);
  peer->port = md_at_port_new (peer->device);
  g_signal_connect (peer->port, "closed", G_CALLBACK (on_closed), peer);
  g_assert_true (md_at_port_open (peer->port, &error));
  g_assert_no_error (error);
  if (transport == AT_PEER_SOCKET) {
    peer->fd = accept4 (peer->listener, NULL, NULL, SOCK_CLOEXEC);
    g_assert_cmpint (peer->fd, >=, 0);
  }
  peer->source = g_unix_fd_add (peer->fd, G_IO_IN, peer_readable, peer);
  return peer;
}

void
at_peer_free (AtPeer *peer)
{
  /* Pending idles (cancellations) hold tasks, and tasks hold the port. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_handle_id (&peer->source, g_source_remove);
  g_clear_object (&peer->port);
  if (peer->fd >= 0)
    close (peer->fd);
  if (peer->keep_fd >= 0)
    close (peer->keep_fd);
  if (peer->listener >= 0)
    close (peer->listener);
  g_hash_table_unref (peer->replies);
  g_string_free (peer->received, TRUE);
  g_string_free (peer->line, TRUE);
  g_ptr_array_unref (peer->texts);
  for (guint i = 0; i < peer->errors->len; i++)
    g_clear_error ((GError **)&peer->errors->pdata[i]);
  g_ptr_array_unref (peer->errors);
  g_ptr_array_unref (peer->commands);
  g_ptr_array_unref (peer->unsolicited);
  g_free (peer->device);
  g_free (peer);
}

void
at_peer_script (AtPeer *peer, const char *line, const char *reply)
{
  Script *script = g_hash_table_lookup (peer->replies, line);

  if (!script) {
    script = g_new0 (Script, 1);
    script->replies = g_ptr_array_new_with_free_func (g_free);
    g_hash_table_insert (peer->replies, g_strdup (line), script);
  }
  g_ptr_array_add (script->replies, g_strdup (reply));
}

void
at_peer_write (AtPeer *peer, const char *data)
{
  write_all (peer->fd, data, strlen (data));
}

void
at_peer_unplug (AtPeer *peer)
{
  g_clear_handle_id (&peer->source, g_source_remove);
  close (peer->fd);
  peer->fd = -1;
}

static void
command_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Call *call = user_data;
  AtPeer *peer = call->peer;
  GError *error = NULL;
  char *text;

  if (g_task_get_source_tag (G_TASK (result)) == md_at_port_command_with_payload)
    text = md_at_port_command_with_payload_finish (MD_AT_PORT (source), result, &error);
  else
    text = md_at_port_command_finish (MD_AT_PORT (source), result, &error);
  g_assert_true ((text == NULL) != (error == NULL));
  g_ptr_array_add (peer->texts, text);
  g_ptr_array_add (peer->errors, error);
  g_ptr_array_add (peer->commands, call->command);
  g_free (call);
  g_assert_cmpuint (peer->pending, >, 0);
  peer->pending--;
}

static Call *
call_new (AtPeer *peer, const char *command)
{
  Call *call = g_new0 (Call, 1);

  call->peer = peer;
  call->command = g_strdup (command);
  peer->pending++;
  return call;
}

void
at_peer_send (AtPeer *peer, const char *command, guint timeout_ms, GCancellable *cancellable)
{
  md_at_port_command (peer->port, command, timeout_ms, cancellable, command_ready, call_new (peer, command));
}

void
at_peer_send_payload (AtPeer *peer, const char *command, const char *payload, guint timeout_ms)
{
  md_at_port_command_with_payload (peer->port, command, payload, timeout_ms, NULL, command_ready,
                                   call_new (peer, command));
}

static gboolean
wake_up (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

void
at_peer_run_until (AtPeer *peer, gboolean (*cond) (AtPeer *peer))
{
  gint64 deadline = g_get_monotonic_time () + AT_PEER_WAIT_MS * G_TIME_SPAN_MILLISECOND;
  guint ticker = g_timeout_add (50, wake_up, NULL);

  while (!cond (peer)) {
    if (g_get_monotonic_time () > deadline)
      g_error ("test timed out waiting for the port");
    g_main_context_iteration (NULL, TRUE);
  }
  g_source_remove (ticker);
}

static gboolean
nothing_pending (AtPeer *peer)
{
  return peer->pending == 0;
}

void
at_peer_run (AtPeer *peer)
{
  at_peer_run_until (peer, nothing_pending);
}

static gboolean
set_flag (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
at_peer_run_for (AtPeer *peer, guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

guint
at_peer_run_command (AtPeer *peer, const char *command)
{
  at_peer_send (peer, command, 10000, NULL);
  at_peer_run (peer);
  return peer->texts->len - 1;
}

const char *
at_peer_text (AtPeer *peer, guint i)
{
  g_assert_cmpuint (i, <, peer->texts->len);
  return g_ptr_array_index (peer->texts, i);
}

const GError *
at_peer_error (AtPeer *peer, guint i)
{
  g_assert_cmpuint (i, <, peer->errors->len);
  return g_ptr_array_index (peer->errors, i);
}

void
at_peer_record_unsolicited (MdAtPort *port, const char *line, gpointer user_data)
{
  AtPeer *peer = user_data;

  g_ptr_array_add (peer->unsolicited, g_strdup (line));
}

void
at_peer_add_tests (const char *name, GTestDataFunc func)
{
  g_autofree char *pty = g_strdup_printf ("/at-port/pty/%s", name);
  g_autofree char *socket = g_strdup_printf ("/at-port/socket/%s", name);

  g_test_add_data_func (pty, GINT_TO_POINTER (AT_PEER_PTY), func);
  g_test_add_data_func (socket, GINT_TO_POINTER (AT_PEER_SOCKET), func);
}
