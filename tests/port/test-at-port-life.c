/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MdAtPort lifecycle against a scripted modem, over a pseudo-terminal and
 * over an abstract unix socket: opening errors and names, the device
 * vanishing under commands, closing, dropping the last reference with
 * commands pending or timing out, handlers that change the port, and probing. */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <termios.h>
#include <sys/un.h>
#include <unistd.h>

#include "at-peer.h"
#include "md-errors.h"

static void
test_names (void)
{
  static const struct {
    const char *device;
    const char *name;
  } cases[] = {
    { "/dev/ttyUSB2", "ttyUSB2" },
    { "/dev/pts/5", "pts/5" },
    { "/dev/wwan0at0", "wwan0at0" },
    { "abstract:modemd-sim-1", "abstract:modemd-sim-1" },
    { "/run/modemd-sim.sock", "/run/modemd-sim.sock" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (MdAtPort) port = md_at_port_new (cases[i].device);

    g_assert_cmpstr (md_at_port_get_device (port), ==, cases[i].device);
    g_assert_cmpstr (md_at_port_get_name (port), ==, cases[i].name);
    g_assert_false (md_at_port_is_open (port));
    g_assert_false (md_at_port_get_data_mode (port));
  }
}

static void
assert_open_fails (const char *device, guint baud, gint code)
{
  g_autoptr (MdAtPort) port = md_at_port_new (device);
  g_autoptr (GError) error = NULL;

  if (baud)
    md_at_port_set_baud (port, baud);
  g_assert_false (md_at_port_open (port, &error));
  g_assert_error (error, MD_SERIAL_ERROR, code);
  g_assert_nonnull (strstr (error->message, device));
  g_assert_false (md_at_port_is_open (port));
}

static void
test_open_errors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("modemd-test-XXXXXX", NULL);
  g_autofree char *stale = g_build_filename (dir, "stale.sock", NULL);
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  AtPeer *peer = at_peer_new (AT_PEER_PTY);

  assert_open_fails ("/dev/modemd-test-no-such-tty", 0, MD_SERIAL_ERROR_OPEN_FAILED_NO_DEVICE);
  assert_open_fails ("abstract:modemd-test-nobody-listens", 0, MD_SERIAL_ERROR_OPEN_FAILED_NO_DEVICE);
  /* A socket file whose server is gone refuses connections. */
  g_assert_cmpuint (strlen (stale), <, sizeof addr.sun_path);
  strcpy (addr.sun_path, stale);
  g_assert_cmpint (bind (fd, (struct sockaddr *)&addr, sizeof addr), ==, 0);
  close (fd);
  assert_open_fails (stale, 0, MD_SERIAL_ERROR_OPEN_FAILED_NO_DEVICE);
  unlink (stale);
  rmdir (dir);
  /* A tty that exists, at a speed that does not. */
  assert_open_fails (peer->device, 12345, MD_SERIAL_ERROR_OPEN_FAILED);
  at_peer_free (peer);
}

/* The speed and flow control given before open reach the tty. */
static void
assert_tty_settings (MdPortFlowControl flow_control, guint baud, speed_t speed, tcflag_t cflag_set,
                     tcflag_t iflag_set)
{
  AtPeer *peer = at_peer_new (AT_PEER_PTY);
  g_autoptr (MdAtPort) port = md_at_port_new (peer->device);
  struct termios tio;

  md_at_port_set_baud (port, baud);
  md_at_port_set_flow_control (port, flow_control);
  g_assert_true (md_at_port_open (port, NULL));
  /* The pty keeps the port's settings: read them from our own slave fd. */
  g_assert_cmpint (tcgetattr (peer->keep_fd, &tio), ==, 0);
  g_assert_cmpuint (cfgetospeed (&tio), ==, speed);
  g_assert_cmpuint (tio.c_cflag & CRTSCTS, ==, cflag_set & CRTSCTS);
  g_assert_cmpuint (tio.c_iflag & (IXON | IXOFF), ==, iflag_set);
  md_at_port_close (port);
  at_peer_free (peer);
}

static void
test_tty_settings (void)
{
  assert_tty_settings (MD_PORT_FLOW_CONTROL_NONE, 115200, B115200, 0, 0);
  assert_tty_settings (MD_PORT_FLOW_CONTROL_RTS_CTS, 57600, B57600, CRTSCTS, 0);
  assert_tty_settings (MD_PORT_FLOW_CONTROL_XON_XOFF, 9600, B9600, 0, IXON | IXOFF);
}

static gboolean
closed_once (AtPeer *peer)
{
  return peer->closed_count > 0;
}

static gboolean
first_written (AtPeer *peer)
{
  return strstr (peer->received->str, "AT+ONE\r") != NULL;
}

static void
test_vanish (gconstpointer data)
{
  AtPeer *peer = at_peer_new (GPOINTER_TO_INT (data));

  /* One command in flight, two queued, none answered: all fail when the
   * device goes away, before "closed" is emitted. */
  at_peer_send (peer, "AT+ONE", 10000, NULL);
  at_peer_send (peer, "AT+TWO", 10000, NULL);
  at_peer_send (peer, "AT+THREE", 10000, NULL);
  at_peer_run_until (peer, first_written);
  g_assert_cmpuint (peer->pending, ==, 3);
  at_peer_unplug (peer);
  at_peer_run_until (peer, closed_once);
  g_assert_cmpuint (peer->pending, ==, 0);
  g_assert_cmpuint (peer->errors->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_error (at_peer_error (peer, i), MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN);
  g_assert_false (md_at_port_is_open (peer->port));

  /* Later commands fail at once, and "closed" came once only. */
  at_peer_send (peer, "AT", 10000, NULL);
  at_peer_run (peer);
  g_assert_error (at_peer_error (peer, 3), MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN);
  at_peer_run_for (peer, 200);
  g_assert_cmpuint (peer->closed_count, ==, 1);
  at_peer_free (peer);
}

static gboolean
always (AtPeer *peer)
{
  return TRUE;
}

static void
test_close (gconstpointer data)
{
  AtPeer *peer = at_peer_new (GPOINTER_TO_INT (data));
  g_autoptr (GError) error = NULL;
  guint n;

  at_peer_send (peer, "AT+ONE", 10000, NULL);
  at_peer_send (peer, "AT+TWO", 10000, NULL);
  at_peer_run_until (peer, always);
  md_at_port_close (peer->port);
  at_peer_run (peer);
  for (guint i = 0; i < 2; i++)
    g_assert_error (at_peer_error (peer, i), MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN);
  g_assert_cmpuint (peer->closed_count, ==, 0);
  md_at_port_close (peer->port);

  /* A pty can be opened again and works as before. */
  if (peer->transport == AT_PEER_PTY) {
    g_assert_true (md_at_port_open (peer->port, &error));
    g_assert_no_error (error);
    at_peer_script (peer, "AT", "\r\nOK\r\n");
    n = at_peer_run_command (peer, "AT");
    g_assert_no_error (at_peer_error (peer, n));
  }
  at_peer_free (peer);
}

static void
close_in_callback (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AtPeer *peer = user_data;
  g_autofree char *text = md_at_port_command_finish (MD_AT_PORT (source), result, NULL);

  g_assert_cmpstr (text, ==, "first");
  md_at_port_close (MD_AT_PORT (source));
  peer->pending--;
}

static void
test_unref_with_pending (gconstpointer data)
{
  AtPeer *peer = at_peer_new (GPOINTER_TO_INT (data));
  MdAtPort *port = peer->port;

  /* The tasks keep the port alive: its commands complete normally after
   * the owner dropped it, and then it goes. */
  g_object_add_weak_pointer (G_OBJECT (port), (gpointer *)&peer->port);
  at_peer_script (peer, "AT+ONE", "\r\nfirst\r\nOK\r\n");
  at_peer_script (peer, "AT+TWO", "\r\nsecond\r\nOK\r\n");
  peer->pending++;
  md_at_port_command (port, "AT+ONE", 10000, NULL, close_in_callback, peer);
  at_peer_send (peer, "AT+TWO", 10000, NULL);
  at_peer_send (peer, "AT+THREE", 10000, NULL);
  g_object_unref (port);
  g_assert_nonnull (peer->port);
  at_peer_run (peer);
  /* The first callback closed the port under the other two. */
  g_assert_error (at_peer_error (peer, 0), MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN);
  g_assert_error (at_peer_error (peer, 1), MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN);
  while (peer->port)
    g_main_context_iteration (NULL, TRUE);
  at_peer_free (peer);
}

static void
timed_out_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AtPeer *peer = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = md_at_port_command_finish (MD_AT_PORT (source), result, &error);

  g_assert_null (text);
  g_assert_error (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_RESPONSE_TIMEOUT);
  peer->pending--;
}

static void
test_unref_then_timeout (gconstpointer data)
{
  AtPeer *peer = at_peer_new (GPOINTER_TO_INT (data));
  MdAtPort *port = peer->port;

  /* The owner drops the port while a command waits for a modem that stays
   * silent: the timeout completes the command, whose task held the last
   * reference, and nothing touches the port after it is gone (checked by
   * the sanitizer and valgrind runs). */
  g_object_add_weak_pointer (G_OBJECT (port), (gpointer *)&peer->port);
  at_peer_script (peer, "AT+SILENT", "");
  peer->pending++;
  md_at_port_command (port, "AT+SILENT", 50, NULL, timed_out_cb, peer);
  g_object_unref (port);
  g_assert_nonnull (peer->port);
  at_peer_run (peer);
  while (peer->port)
    g_main_context_iteration (NULL, TRUE);
  /* Longer than a drain, which must not have been started on the gone port. */
  at_peer_run_for (peer, 500);
  at_peer_free (peer);
}

static void
remove_self (MdAtPort *port, const char *line, gpointer user_data)
{
  guint *id = user_data;

  md_at_port_remove_unsolicited_handler (port, *id);
  *id = 0;
}

static void
count_destroy (gpointer user_data)
{
  (*(guint *)user_data)++;
}

static void
ignore_line (MdAtPort *port, const char *line, gpointer user_data)
{
}

static void
close_port (MdAtPort *port, const char *line, gpointer user_data)
{
  md_at_port_close (port);
}

static void
test_handlers_change_the_port (gconstpointer data)
{
  AtPeer *peer = at_peer_new (GPOINTER_TO_INT (data));
  guint self_id, cusd_id, destroyed = 0;

  /* A handler that removes itself while the line is dispatched: the
   * others for the same prefix still run, and it never runs again. */
  self_id = md_at_port_add_unsolicited_handler (peer->port, "+CMTI:", remove_self, &self_id, NULL);
  md_at_port_add_unsolicited_handler (peer->port, "+CMTI:", at_peer_record_unsolicited, peer, NULL);
  cusd_id = md_at_port_add_unsolicited_handler (peer->port, "+CUSD:", at_peer_record_unsolicited, peer, NULL);
  md_at_port_add_unsolicited_handler (peer->port, "+CUSD:", ignore_line, &destroyed, count_destroy);
  g_assert_cmpuint (self_id, >, 0);
  g_assert_cmpuint (cusd_id, >, self_id);
  at_peer_write (peer, "\r\n+CMTI: \"ME\",1\r\n\r\n+CMTI: \"ME\",2\r\n");
  while (peer->unsolicited->len < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (self_id, ==, 0);
  g_assert_cmpstr (g_ptr_array_index (peer->unsolicited, 1), ==, "+CMTI: \"ME\",2");
  md_at_port_remove_unsolicited_handler (peer->port, cusd_id);
  md_at_port_remove_unsolicited_handler (peer->port, 9999);

  /* A handler that closes the port while more lines are buffered: they
   * are not dispatched, and a local close emits no "closed". */
  md_at_port_add_unsolicited_handler (peer->port, "+QIND:", close_port, NULL, NULL);
  at_peer_write (peer, "\r\n+QIND: SMS DONE\r\n\r\n+CMTI: \"ME\",3\r\n");
  while (md_at_port_is_open (peer->port))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (peer->unsolicited->len, ==, 2);
  g_assert_cmpuint (peer->closed_count, ==, 0);
  /* Remaining handlers are destroyed with the port. */
  g_assert_cmpuint (destroyed, ==, 0);
  g_clear_object (&peer->port);
  g_assert_cmpuint (destroyed, ==, 1);
  at_peer_free (peer);
}

typedef struct {
  gboolean done;
  gboolean ok;
  GError *error;
} ProbeResult;

static void
probe_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ProbeResult *probe = user_data;

  probe->ok = md_at_port_probe_finish (MD_AT_PORT (source), result, &probe->error);
  probe->done = TRUE;
}

static void
run_probe (AtPeer *peer, ProbeResult *probe)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();

  *probe = (ProbeResult){ 0 };
  md_at_port_probe_async (peer->port, 200, cancellable, probe_ready, probe);
  while (!probe->done)
    g_main_context_iteration (NULL, TRUE);
}

static guint
count_of (const char *haystack, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_probe (gconstpointer data)
{
  AtPeer *peer = at_peer_new (GPOINTER_TO_INT (data));
  ProbeResult probe;

  /* A modem still booting answers ERROR: an AT-style reply, one try. */
  at_peer_script (peer, "AT", "\r\nERROR\r\n");
  run_probe (peer, &probe);
  g_assert_no_error (probe.error);
  g_assert_true (probe.ok);
  g_assert_cmpuint (count_of (peer->received->str, "AT\r"), ==, 1);

  /* +CME ERROR counts as well: one try. */
  g_string_truncate (peer->received, 0);
  at_peer_script (peer, "AT", "\r\n+CME ERROR: 10\r\n");
  run_probe (peer, &probe);
  g_assert_no_error (probe.error);
  g_assert_true (probe.ok);
  g_assert_cmpuint (count_of (peer->received->str, "AT\r"), ==, 1);

  /* OK at once: one try. */
  g_string_truncate (peer->received, 0);
  at_peer_script (peer, "AT", "\r\nOK\r\n");
  run_probe (peer, &probe);
  g_assert_true (probe.ok);
  g_assert_cmpuint (count_of (peer->received->str, "AT\r"), ==, 1);
  at_peer_free (peer);

  /* A port that never answers fails after three tries. */
  peer = at_peer_new (GPOINTER_TO_INT (data));
  run_probe (peer, &probe);
  g_assert_false (probe.ok);
  g_assert_error (probe.error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_RESPONSE_TIMEOUT);
  g_clear_error (&probe.error);
  g_assert_cmpuint (count_of (peer->received->str, "AT\r"), ==, 3);
  at_peer_free (peer);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/at-port/names", test_names);
  g_test_add_func ("/at-port/open-errors", test_open_errors);
  g_test_add_func ("/at-port/tty-settings", test_tty_settings);
  at_peer_add_tests ("vanish", test_vanish);
  at_peer_add_tests ("close", test_close);
  at_peer_add_tests ("unref-with-pending", test_unref_with_pending);
  at_peer_add_tests ("unref-then-timeout", test_unref_then_timeout);
  at_peer_add_tests ("handlers-change-the-port", test_handlers_change_the_port);
  at_peer_add_tests ("probe", test_probe);
  return g_test_run ();
}
