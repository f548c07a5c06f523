/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MdAtPort against a scripted peer on the other side of a pseudo-terminal
 * (and of an abstract unix socket): final results, echo, unsolicited lines,
 * timeouts, a vanishing device, a 64 KiB answer, the SMS prompt, data mode
 * and cancellation. */
#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include "md-at-port.h"
#include "md-errors.h"

#define WAIT_MS 10000

typedef struct {
  int master;
  char *slave_path;
  GHashTable *replies; /* command -> raw reply bytes; missing = silence */
  gboolean echo;
  GString *received;
  GString *line;
  guint source;
  MdAtPort *port;
  /* results */
  GMainLoop *loop;
  guint pending;
  GPtrArray *texts;  /* char* or NULL per completed command, in order */
  GPtrArray *errors; /* GError* or NULL */
  guint closed_count;
  GPtrArray *unsolicited;
} Peer;

typedef struct {
  int fd;
  char *data;
} BigWrite;

/* A pty buffers a few KiB: a large answer is written from a thread while
 * the port reads it in the main loop. */
static gpointer
write_in_thread (gpointer user_data)
{
  BigWrite *w = user_data;
  gsize len = strlen (w->data), done = 0;

  while (done < len) {
    gssize n = write (w->fd, w->data + done, len - done);
    if (n > 0)
      done += (gsize)n;
  }
  g_free (w->data);
  g_free (w);
  return NULL;
}

static void
peer_answer (Peer *peer, const char *command)
{
  const char *reply = g_hash_table_lookup (peer->replies, command);

  if (peer->echo) {
    g_autofree char *echo = g_strdup_printf ("%s\r", command);
    g_assert_cmpint (write (peer->master, echo, strlen (echo)), >, 0);
  }
  if (reply && strlen (reply) > 1024) {
    BigWrite *w = g_new0 (BigWrite, 1);

    w->fd = peer->master;
    w->data = g_strdup (reply);
    g_thread_unref (g_thread_new ("writer", write_in_thread, w));
  } else if (reply) {
    g_assert_cmpint (write (peer->master, reply, strlen (reply)), ==, (gssize)strlen (reply));
  }
}

static gboolean
peer_readable (gint fd, GIOCondition condition, gpointer user_data)
{
  Peer *peer = user_data;
  char buffer[1024];
  gssize n = read (fd, buffer, sizeof buffer);

  if (n <= 0) {
    peer->source = 0;
    return G_SOURCE_REMOVE;
  }
  g_string_append_len (peer->received, buffer, n);
  for (gssize i = 0; i < n; i++) {
    if (buffer[i] == '\r') {
      peer_answer (peer, peer->line->str);
      g_string_truncate (peer->line, 0);
    } else if (buffer[i] != '\n') {
      g_string_append_c (peer->line, buffer[i]);
    }
  }
  return G_SOURCE_CONTINUE;
}

static void
on_closed (MdAtPort *port, GError *error, gpointer user_data)
{
  Peer *peer = user_data;

  g_assert_error (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN);
  peer->closed_count++;
}

static void
on_unsolicited (MdAtPort *port, const char *line, gpointer user_data)
{
  Peer *peer = user_data;

  g_ptr_array_add (peer->unsolicited, g_strdup (line));
  if (peer->pending == 0 && peer->loop)
    g_main_loop_quit (peer->loop);
}

static Peer *
peer_new (void)
{
  Peer *peer = g_new0 (Peer, 1);
  struct termios tio;
  g_autoptr (GError) error = NULL;

  peer->master = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
  g_assert_cmpint (peer->master, >=, 0);
  g_assert_cmpint (grantpt (peer->master), ==, 0);
  g_assert_cmpint (unlockpt (peer->master), ==, 0);
  tcgetattr (peer->master, &tio);
  cfmakeraw (&tio);
  tcsetattr (peer->master, TCSANOW, &tio);
  peer->slave_path = g_strdup (ptsname (peer->master));
  peer->replies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  peer->received = g_string_new (NULL);
  peer->line = g_string_new (NULL);
  peer->texts = g_ptr_array_new_with_free_func (g_free);
  peer->errors = g_ptr_array_new_with_free_func ((GDestroyNotify)g_clear_error);
  peer->unsolicited = g_ptr_array_new_with_free_func (g_free);
  peer->source = g_unix_fd_add (peer->master, G_IO_IN, peer_readable, peer);
  peer->port = md_at_port_new (peer->slave_path);
  g_signal_connect (peer->port, "closed", G_CALLBACK (on_closed), peer);
  g_assert_true (md_at_port_open (peer->port, &error));
  g_assert_no_error (error);
  peer->loop = g_main_loop_new (NULL, FALSE);
  return peer;
}

static void
peer_free (Peer *peer)
{
  g_clear_handle_id (&peer->source, g_source_remove);
  g_clear_object (&peer->port);
  if (peer->master >= 0)
    close (peer->master);
  g_hash_table_unref (peer->replies);
  g_string_free (peer->received, TRUE);
  g_string_free (peer->line, TRUE);
  g_ptr_array_unref (peer->texts);
  for (guint i = 0; i < peer->errors->len; i++)
    g_clear_error ((GError **)&peer->errors->pdata[i]);
  g_ptr_array_set_free_func (peer->errors, NULL);
  g_ptr_array_unref (peer->errors);
  g_ptr_array_unref (peer->unsolicited);
  g_main_loop_unref (peer->loop);
  g_free (peer->slave_path);
  g_free (peer);
}

static void
peer_script (Peer *peer, const char *command, const char *reply)
{
  g_hash_table_insert (peer->replies, g_strdup (command), g_strdup (reply));
}

static void
command_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Peer *peer = user_data;
  GError *error = NULL;
  char *text = md_at_port_command_finish (MD_AT_PORT (source), result, &error);

  g_ptr_array_add (peer->texts, text);
  g_ptr_array_add (peer->errors, error);
  if (--peer->pending == 0)
    g_main_loop_quit (peer->loop);
}

static gboolean
give_up (gpointer user_data)
{
  g_error ("test timed out");
  return G_SOURCE_REMOVE;
}

static void
peer_run (Peer *peer)
{
  guint watchdog = g_timeout_add (WAIT_MS, give_up, NULL);

  g_main_loop_run (peer->loop);
  g_source_remove (watchdog);
}

static void
send_command (Peer *peer, const char *command, guint timeout_ms)
{
  peer->pending++;
  md_at_port_command (peer->port, command, timeout_ms, NULL, command_ready, peer);
}

/* One command, run to completion; returns its index in texts/errors. */
static guint
run_command (Peer *peer, const char *command)
{
  send_command (peer, command, 5000);
  peer_run (peer);
  return peer->texts->len - 1;
}

static const GError *
error_at (Peer *peer, guint i)
{
  return g_ptr_array_index (peer->errors, i);
}

static const char *
text_at (Peer *peer, guint i)
{
  return g_ptr_array_index (peer->texts, i);
}

static void
test_final_results (void)
{
  static const struct {
    const char *reply;
    const char *text;
    const char *domain;
    gint code;
  } cases[] = {
    { "\r\nOK\r\n", "", NULL, 0 },
    { "\r\nManufacturer X\r\n\r\nOK\r\n", "Manufacturer X", NULL, 0 },
    { "\r\nERROR\r\n", NULL, "core", MD_CORE_ERROR_FAILED },
    { "\r\n+CME ERROR: 10\r\n", NULL, "me", MD_MOBILE_EQUIPMENT_ERROR_SIM_NOT_INSERTED },
    { "\r\n+CME ERROR: SIM PIN required\r\n", NULL, "me", MD_MOBILE_EQUIPMENT_ERROR_SIM_PIN },
    { "\r\n+CME ERROR: 9999\r\n", NULL, "me", MD_MOBILE_EQUIPMENT_ERROR_UNKNOWN },
    { "\r\n+CMS ERROR: 321\r\n", NULL, "ms", MD_MESSAGE_ERROR_INVALID_INDEX },
    { "\r\nNO CARRIER\r\n", NULL, "conn", MD_CONNECTION_ERROR_NO_CARRIER },
    { "\r\nBUSY\r\n", NULL, "conn", MD_CONNECTION_ERROR_BUSY },
    { "\r\nNO ANSWER\r\n", NULL, "conn", MD_CONNECTION_ERROR_NO_ANSWER },
    { "\r\nNO DIALTONE\r\n", NULL, "conn", MD_CONNECTION_ERROR_NO_DIALTONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    Peer *peer = peer_new ();
    guint n;

    peer_script (peer, "AT+TEST", cases[i].reply);
    n = run_command (peer, "AT+TEST");
    if (!cases[i].domain) {
      g_assert_no_error (error_at (peer, n));
      g_assert_cmpstr (text_at (peer, n), ==, cases[i].text);
    } else {
      GQuark domain = g_str_equal (cases[i].domain, "core") ? MD_CORE_ERROR
                      : g_str_equal (cases[i].domain, "me") ? MD_MOBILE_EQUIPMENT_ERROR
                      : g_str_equal (cases[i].domain, "ms") ? MD_MESSAGE_ERROR
                                                            : MD_CONNECTION_ERROR;

      g_assert_error (error_at (peer, n), domain, cases[i].code);
    }
    peer_free (peer);
  }
}

static void
test_echo_and_blank_lines (void)
{
  Peer *peer = peer_new ();
  guint n;

  peer->echo = TRUE;
  peer_script (peer, "AT+CGMI", "\r\n\r\n+CGMI: \"Acme\"\r\n\n\r\n\r\nOK\r\n");
  n = run_command (peer, "AT+CGMI");
  g_assert_no_error (error_at (peer, n));
  g_assert_cmpstr (text_at (peer, n), ==, "+CGMI: \"Acme\"");
  g_assert_nonnull (strstr (peer->received->str, "AT+CGMI\r"));
  peer_free (peer);
}

static void
test_unsolicited_mid_response_and_idle (void)
{
  Peer *peer = peer_new ();
  guint n;

  md_at_port_add_unsolicited_handler (peer->port, "+CREG:", on_unsolicited, peer, NULL);
  md_at_port_add_unsolicited_handler (peer->port, "RING", on_unsolicited, peer, NULL);
  peer_script (peer, "AT+CGSN", "\r\n490154203237518\r\n\r\n+CREG: 1\r\n\r\nOK\r\n");
  n = run_command (peer, "AT+CGSN");
  g_assert_cmpstr (text_at (peer, n), ==, "490154203237518");
  g_assert_cmpuint (peer->unsolicited->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (peer->unsolicited, 0), ==, "+CREG: 1");

  /* A line with the command's own prefix answers it. */
  peer_script (peer, "AT+CREG?", "\r\n+CREG: 2,1\r\n\r\nOK\r\n");
  n = run_command (peer, "AT+CREG?");
  g_assert_cmpstr (text_at (peer, n), ==, "+CREG: 2,1");
  g_assert_cmpuint (peer->unsolicited->len, ==, 1);

  /* While idle. */
  g_assert_cmpint (write (peer->master, "\r\nRING\r\n", 8), ==, 8);
  peer_run (peer);
  g_assert_cmpuint (peer->unsolicited->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (peer->unsolicited, 1), ==, "RING");
  peer_free (peer);
}

static gboolean
late_ok (gpointer user_data)
{
  Peer *peer = user_data;

  g_assert_cmpint (write (peer->master, "\r\nOK\r\n", 6), ==, 6);
  return G_SOURCE_REMOVE;
}

static void
test_timeout_and_late_answer (void)
{
  Peer *peer = peer_new ();

  /* AT+SLOW gets no answer in time; its late OK must not complete the next
   * command, which gets its own answer. */
  peer_script (peer, "AT+NEXT", "\r\n+NEXT: 7\r\n\r\nOK\r\n");
  send_command (peer, "AT+SLOW", 200);
  peer_run (peer);
  g_assert_error (error_at (peer, 0), MD_SERIAL_ERROR, MD_SERIAL_ERROR_RESPONSE_TIMEOUT);
  g_timeout_add (50, late_ok, peer);
  send_command (peer, "AT+NEXT", 5000);
  peer_run (peer);
  g_assert_no_error (error_at (peer, 1));
  g_assert_cmpstr (text_at (peer, 1), ==, "+NEXT: 7");
  peer_free (peer);
}

static gboolean
unplug (gpointer user_data)
{
  Peer *peer = user_data;

  g_clear_handle_id (&peer->source, g_source_remove);
  close (peer->master);
  peer->master = -1;
  return G_SOURCE_REMOVE;
}

static void
test_vanish_under_queued_commands (void)
{
  Peer *peer = peer_new ();

  send_command (peer, "AT+ONE", 5000);
  send_command (peer, "AT+TWO", 5000);
  send_command (peer, "AT+THREE", 5000);
  g_timeout_add (50, unplug, peer);
  peer_run (peer);
  g_assert_cmpuint (peer->errors->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_error (error_at (peer, i), MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN);
  g_assert_cmpuint (peer->closed_count, ==, 1);
  g_assert_false (md_at_port_is_open (peer->port));

  /* Commands after the device went away fail at once. */
  send_command (peer, "AT", 5000);
  peer_run (peer);
  g_assert_error (error_at (peer, 3), MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN);
  peer_free (peer);
}

static void
test_large_response (void)
{
  Peer *peer = peer_new ();
  GString *reply = g_string_new (NULL);
  guint n, lines = 0;

  while (reply->len < 64 * 1024) {
    g_string_append_printf (
      reply,
      "\r\n+CMGL: %u,1,,23\r\n07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07",
      lines++);
  }
  g_string_append (reply, "\r\nOK\r\n");
  peer_script (peer, "AT+CMGL=4", reply->str);
  n = run_command (peer, "AT+CMGL=4");
  g_assert_no_error (error_at (peer, n));
  g_assert_cmpuint (strlen (text_at (peer, n)), >, 64 * 1000);
  g_assert_true (g_str_has_suffix (text_at (peer, n), "F977FD07"));
  g_string_free (reply, TRUE);
  peer_free (peer);
}

static void
payload_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Peer *peer = user_data;
  GError *error = NULL;
  char *text = md_at_port_command_with_payload_finish (MD_AT_PORT (source), result, &error);

  g_ptr_array_add (peer->texts, text);
  g_ptr_array_add (peer->errors, error);
  g_main_loop_quit (peer->loop);
}

static void
test_prompt_and_payload (void)
{
  Peer *peer = peer_new ();

  peer_script (peer, "AT+CMGS=17", "\r\n> ");
  /* The payload ends with Ctrl-Z, not \r; the peer answers on the next \r,
   * so the test sends the final result itself once the payload arrived. */
  md_at_port_command_with_payload (peer->port, "AT+CMGS=17",
                                   "0011000B916407281553F80000AA0AE8329BFD4697D9EC37", 5000, NULL,
                                   payload_ready, peer);
  while (!strchr (peer->received->str, 0x1a))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (write (peer->master, "\r\n+CMGS: 5\r\n\r\nOK\r\n", 18), ==, 18);
  peer_run (peer);
  g_assert_no_error (error_at (peer, 0));
  g_assert_cmpstr (text_at (peer, 0), ==, "+CMGS: 5");
  g_assert_nonnull (strstr (peer->received->str, "E8329BFD4697D9EC37\x1a"));
  peer_free (peer);
}

static void
test_connect_and_data_mode (void)
{
  Peer *peer = peer_new ();
  g_autoptr (GError) error = NULL;
  guint n;

  md_at_port_add_unsolicited_handler (peer->port, "NO CARRIER", on_unsolicited, peer, NULL);
  peer_script (peer, "ATD*99***1#", "\r\nCONNECT 150000000\r\n");
  n = run_command (peer, "ATD*99***1#");
  g_assert_cmpstr (text_at (peer, n), ==, "CONNECT 150000000");
  g_assert_true (md_at_port_get_data_mode (peer->port));
  send_command (peer, "AT", 5000);
  peer_run (peer);
  g_assert_error (error_at (peer, n + 1), MD_CORE_ERROR, MD_CORE_ERROR_WRONG_STATE);
  /* PPP bytes are ignored; NO CARRIER still reaches its handler. */
  g_assert_cmpint (write (peer->master, "~\x7d\x23\xc0\x21~\r\nNO CARRIER\r\n", 19), ==, 19);
  peer_run (peer);
  g_assert_cmpuint (peer->unsolicited->len, ==, 1);
  g_assert_true (md_at_port_write_raw (peer->port, "+++", 3, &error));
  md_at_port_set_data_mode (peer->port, FALSE);
  /* The raw escape reaches the peer unterminated, ahead of the command. */
  peer_script (peer, "+++AT", "\r\nOK\r\n");
  n = run_command (peer, "AT");
  g_assert_no_error (error_at (peer, n));
  peer_free (peer);
}

static void
test_cancellation (void)
{
  Peer *peer = peer_new ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();

  peer->pending = 2;
  md_at_port_command (peer->port, "AT+HANG", 5000, cancellable, command_ready, peer);
  md_at_port_command (peer->port, "AT+QUEUED", 5000, cancellable, command_ready, peer);
  g_cancellable_cancel (cancellable);
  peer_run (peer);
  for (guint i = 0; i < 2; i++)
    g_assert_error (error_at (peer, i), MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED);
  peer_free (peer);
}

static void
test_missing_device (void)
{
  g_autoptr (MdAtPort) port = md_at_port_new ("/dev/modemd-test-no-such-tty");
  g_autoptr (MdAtPort) socket_port = md_at_port_new ("abstract:modemd-test-nobody-listens");
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (md_at_port_get_name (port), ==, "modemd-test-no-such-tty");
  g_assert_false (md_at_port_open (port, &error));
  g_assert_error (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_OPEN_FAILED_NO_DEVICE);
  g_clear_error (&error);
  g_assert_false (md_at_port_open (socket_port, &error));
  g_assert_error (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_OPEN_FAILED_NO_DEVICE);
}

static void
test_abstract_socket (void)
{
  g_autofree char *name = g_strdup_printf ("abstract:modemd-test-%d", getpid ());
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int listener = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  g_autoptr (MdAtPort) port = md_at_port_new (name);
  g_autoptr (GError) error = NULL;
  Peer peer = { 0 };
  char buffer[64] = { 0 };
  int client;

  memcpy (addr.sun_path + 1, name, strlen (name));
  g_assert_cmpint (bind (listener, (struct sockaddr *)&addr,
                         (socklen_t)(offsetof (struct sockaddr_un, sun_path) + 1 + strlen (name))),
                   ==, 0);
  g_assert_cmpint (listen (listener, 1), ==, 0);
  g_assert_true (md_at_port_open (port, &error));
  g_assert_cmpstr (md_at_port_get_name (port), ==, name);
  client = accept (listener, NULL, NULL);
  g_assert_cmpint (client, >=, 0);
  peer.loop = g_main_loop_new (NULL, FALSE);
  peer.texts = g_ptr_array_new_with_free_func (g_free);
  peer.errors = g_ptr_array_new ();
  peer.pending = 1;
  md_at_port_command (port, "ATI", 5000, NULL, command_ready, &peer);
  while (!strchr (buffer, '\r'))
    g_assert_cmpint (read (client, buffer + strlen (buffer), sizeof buffer - strlen (buffer) - 1), >, 0);
  g_assert_cmpstr (buffer, ==, "ATI\r");
  g_assert_cmpint (write (client, "\r\nAcme Rocket\r\nOK\r\n", 19), ==, 19);
  g_main_loop_run (peer.loop);
  g_assert_null (g_ptr_array_index (peer.errors, 0));
  g_assert_cmpstr (g_ptr_array_index (peer.texts, 0), ==, "Acme Rocket");
  g_ptr_array_unref (peer.texts);
  g_ptr_array_unref (peer.errors);
  g_main_loop_unref (peer.loop);
  close (client);
  close (listener);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/at-port/final-results", test_final_results);
  g_test_add_func ("/at-port/echo-and-blank-lines", test_echo_and_blank_lines);
  g_test_add_func ("/at-port/unsolicited", test_unsolicited_mid_response_and_idle);
  g_test_add_func ("/at-port/timeout", test_timeout_and_late_answer);
  g_test_add_func ("/at-port/vanish", test_vanish_under_queued_commands);
  g_test_add_func ("/at-port/large-response", test_large_response);
  g_test_add_func ("/at-port/prompt-and-payload", test_prompt_and_payload);
  g_test_add_func ("/at-port/connect-and-data-mode", test_connect_and_data_mode);
  g_test_add_func ("/at-port/cancellation", test_cancellation);
  g_test_add_func ("/at-port/missing-device", test_missing_device);
  g_test_add_func ("/at-port/abstract-socket", test_abstract_socket);
  return g_test_run ();
}
