/* SPDX-License-Identifier: GPL-2.0-or-later */
/* End-to-end tests of the modem-sim program: start it with a shipped
 * scenario, talk AT on the pty (or abstract socket) it announces, drive it
 * through its control socket, and unplug it. */
#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include "sim-process.h"

#define WAIT_MS (30 * 1000)

#define assert_control(sim, command, expected)                                                               \
  G_STMT_START                                                                                               \
  {                                                                                                          \
    g_autofree char *reply_ = sim_process_control (sim, command);                                            \
    g_assert_cmpstr (reply_, ==, expected);                                                                  \
  }                                                                                                          \
  G_STMT_END

/* Sends a command (if any) and reads until the answer ends with one of the
 * given final results. */
static char *
at_exchange (int fd, const char *command, const char *const *finals)
{
  GString *answer = g_string_new (NULL);
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * 1000;

  if (command)
    g_assert_cmpint (write (fd, command, strlen (command)), ==, (gssize)strlen (command));
  for (;;) {
    struct pollfd pfd = { fd, POLLIN, 0 };
    char buffer[256];
    ssize_t n;

    for (guint i = 0; finals[i]; i++) {
      if (g_str_has_suffix (answer->str, finals[i]))
        return g_string_free (answer, FALSE);
    }
    g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    if (poll (&pfd, 1, 100) <= 0)
      continue;
    n = read (fd, buffer, sizeof buffer);
    g_assert_cmpint (n, >, 0);
    g_string_append_len (answer, buffer, n);
  }
}

static char *
at_command (int fd, const char *command)
{
  static const char *const finals[] = { "OK\r\n", "ERROR\r\n", NULL };

  return at_exchange (fd, command, finals);
}

#define assert_at(fd, command, expected)                                                                     \
  G_STMT_START                                                                                               \
  {                                                                                                          \
    g_autofree char *got_ = at_command (fd, command);                                                        \
    g_assert_cmpstr (got_, ==, expected);                                                                    \
  }                                                                                                          \
  G_STMT_END

static int
open_pty (const char *path)
{
  struct termios tio;
  int fd = open (path, O_RDWR | O_NOCTTY | O_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (tcgetattr (fd, &tio), ==, 0);
  cfmakeraw (&tio);
  g_assert_cmpint (tcsetattr (fd, TCSANOW, &tio), ==, 0);
  return fd;
}

/* After "unplug" the port is gone: a read ends (0 or EIO), or HUP. */
static void
assert_port_gone (int fd)
{
  struct pollfd pfd = { fd, POLLIN, 0 };
  char buffer[64];
  ssize_t n;

  g_assert_cmpint (poll (&pfd, 1, WAIT_MS), ==, 1);
  g_assert_true (pfd.revents & (POLLHUP | POLLERR | POLLIN));
  do
    n = read (fd, buffer, sizeof buffer);
  while (n > 0);
  g_assert_true (n == 0 || errno == EIO || errno == ECONNRESET);
}

static void
set_speed (int fd, speed_t speed)
{
  struct termios tio;

  g_assert_cmpint (tcgetattr (fd, &tio), ==, 0);
  cfsetspeed (&tio, speed);
  g_assert_cmpint (tcsetattr (fd, TCSANOW, &tio), ==, 0);
}

/* A client drops DTR by setting the speed to 0: the call ends. */
static void
check_dtr_drop (SimProcess *sim, int fd)
{
  static const char *const connect[] = { "CONNECT 150000000\r\n", "ERROR\r\n", NULL };
  static const char *const no_carrier[] = { "NO CARRIER\r\n", NULL };
  g_autofree char *dialled = at_exchange (fd, "ATD*99***1#\r", connect);
  g_autofree char *dropped = NULL;

  g_assert_cmpstr (dialled, ==, "\r\nCONNECT 150000000\r\n");
  assert_control (sim, "get data-mode", "OK 1");
  set_speed (fd, B0);
  dropped = at_exchange (fd, NULL, no_carrier);
  g_assert_cmpstr (dropped, ==, "\r\nNO CARRIER\r\n");
  set_speed (fd, B115200);
  assert_control (sim, "get data-mode", "OK 0");
  assert_control (sim, "get call-cid", "OK 0");
}

static void
test_pty (void)
{
  SimProcess sim = { 0 };
  int fd;

  sim_process_start (&sim, "default.ini", "pty", NULL);
  g_assert_true (g_str_has_prefix (sim.at, "/dev/"));
  fd = open_pty (sim.at);
  assert_at (fd, "ATE0\r", "ATE0\r\r\nOK\r\n");
  assert_at (fd, "AT+CGMM\r", "\r\nSIM-7600\r\n\r\nOK\r\n");
  assert_control (&sim, "get cfun", "OK 4");
  assert_at (fd, "AT+CFUN=1;+CSQ\r", "\r\n+CSQ: 20,99\r\n\r\nOK\r\n");
  assert_control (&sim, "signal 10", "OK");
  assert_at (fd, "AT+CSQ\r", "\r\n+CSQ: 10,99\r\n\r\nOK\r\n");
  assert_control (&sim, "get last-command", "OK AT+CSQ");
  assert_control (&sim, "get command-count", "OK 4");
  assert_control (&sim, "get command 2", "OK AT+CFUN=1;+CSQ");
  assert_control (&sim, "get command 4", "ERROR no command 4 (kept: the last 4096 of 4)");
  assert_control (&sim, "get command x", "ERROR expected a command index");
  assert_control (&sim, "get mbim-command-count",
                  "ERROR 'mbim-command-count' belongs to a port this modem lacks");
  assert_control (&sim, "get registration", "OK home");
  assert_control (&sim, "signal 42", "ERROR expected 0-31 or 99");
  assert_control (&sim, "fly", "ERROR unknown command 'fly'");
  check_dtr_drop (&sim, fd);
  /* A client closing the slave must not hurt the master: reopen works. */
  close (fd);
  fd = open_pty (sim.at);
  assert_at (fd, "AT\r", "\r\nOK\r\n");
  assert_control (&sim, "unplug", "OK");
  assert_port_gone (fd);
  close (fd);
  g_assert_true (g_subprocess_wait (sim.process, NULL, NULL));
  g_assert_true (g_subprocess_get_successful (sim.process));
  /* The control socket went away with the simulator. */
  g_assert_false (g_file_test (sim.control, G_FILE_TEST_EXISTS));
  sim_process_stop (&sim);
}

/* "delay N": replies come no sooner than N ms after the command, in order. */
static void
test_delay (void)
{
  SimProcess sim = { 0 };
  gint64 start;
  int fd;

  sim_process_start (&sim, "default.ini", "pty", NULL);
  fd = open_pty (sim.at);
  assert_at (fd, "ATE0\r", "ATE0\r\r\nOK\r\n");
  assert_control (&sim, "delay x", "ERROR expected a delay of 0-10000 ms");
  assert_control (&sim, "delay 10001", "ERROR expected a delay of 0-10000 ms");
  assert_control (&sim, "delay 600", "OK");
  start = g_get_monotonic_time ();
  assert_at (fd, "AT+CFUN=1\r", "\r\nOK\r\n");
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 600 * 1000);
  /* The command took effect at once; only the answer waited. */
  assert_at (fd, "AT+CSQ;+CFUN?\r", "\r\n+CSQ: 20,99\r\n+CFUN: 1\r\n\r\nOK\r\n");
  assert_control (&sim, "delay 0", "OK");
  assert_at (fd, "AT\r", "\r\nOK\r\n");
  close (fd);
  sim_process_stop (&sim);
}

/* Polls a control key until it has the wanted value. */
static void
wait_control (SimProcess *sim, const char *command, const char *expected)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * 1000;

  for (;;) {
    g_autofree char *reply = sim_process_control (sim, command);

    if (g_strcmp0 (reply, expected) == 0)
      return;
    g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    g_usleep (20 * 1000);
  }
}

/* "mute after N": N more command lines are answered, then none. */
static void
test_mute_after (void)
{
  static const char *const csq[] = { "OK\r\n", NULL };
  SimProcess sim = { 0 };
  g_autofree char *answer = NULL;
  int fd;

  sim_process_start (&sim, "default.ini", "pty", NULL);
  fd = open_pty (sim.at);
  assert_at (fd, "ATE0\r", "ATE0\r\r\nOK\r\n");
  assert_control (&sim, "mute after x", "ERROR expected mute after 0-1000");
  assert_control (&sim, "mute after 2", "OK");
  assert_control (&sim, "get muted", "OK 0");
  assert_at (fd, "AT\r", "\r\nOK\r\n");
  assert_at (fd, "AT+CFUN=1\r", "\r\nOK\r\n");
  g_assert_cmpint (write (fd, "AT+CGMI\r", 8), ==, 8);
  wait_control (&sim, "get last-command", "OK AT+CGMI");
  assert_control (&sim, "get muted", "OK 1");
  assert_control (&sim, "mute off", "OK");
  /* The unanswered command stays unanswered; the next one is served. */
  answer = at_exchange (fd, "AT+CSQ\r", csq);
  g_assert_cmpstr (answer, ==, "\r\n+CSQ: 20,99\r\n\r\nOK\r\n");
  close (fd);
  sim_process_stop (&sim);
}

static int
connect_abstract (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketAddress) address
    = g_unix_socket_address_new_with_type (name, -1, G_UNIX_SOCKET_ADDRESS_ABSTRACT);
  GSocket *socket
    = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, &error);
  int fd;

  g_assert_no_error (error);
  g_assert_true (g_socket_connect (socket, address, NULL, &error));
  g_assert_no_error (error);
  fd = dup (g_socket_get_fd (socket));
  g_object_unref (socket);
  return fd;
}

static void
test_abstract (void)
{
  g_autofree char *name = g_strdup_printf ("abstract:modem-sim-test-%d", (int)getpid ());
  SimProcess sim = { 0 };
  int fd;

  sim_process_start (&sim, "pin-locked.ini", name, NULL);
  g_assert_cmpstr (sim.at, ==, name);
  fd = connect_abstract (name);
  assert_at (fd, "AT+CPIN?\r", "AT+CPIN?\r\r\n+CPIN: SIM PIN\r\n\r\nOK\r\n");
  close (fd);
  /* The next client is served once the first one left. */
  fd = connect_abstract (name);
  assert_at (fd, "ATE0;+CPIN=\"1234\"\r", "ATE0;+CPIN=\"1234\"\r\r\nOK\r\n");
  assert_control (&sim, "get sim-lock", "OK ready");
  assert_control (&sim, "unsolicited +CUSTOM: 1", "OK");
  assert_at (fd, "AT\r", "\r\n+CUSTOM: 1\r\n\r\nOK\r\n");
  assert_control (&sim, "quit", "OK");
  assert_port_gone (fd);
  close (fd);
  g_assert_true (g_subprocess_wait (sim.process, NULL, NULL));
  g_assert_true (g_subprocess_get_successful (sim.process));
  sim_process_stop (&sim);
}

static void
test_bad_scenario (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) process
    = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                        g_getenv ("MODEM_SIM"), "--scenario", "/nonexistent.ini", NULL);
  g_autofree char *err = NULL;

  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_successful (process));
  g_assert_nonnull (strstr (err, "nonexistent.ini"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (!g_getenv ("MODEM_SIM") || !g_getenv ("SIM_SCENARIOS_DIR")) {
    g_printerr ("MODEM_SIM and SIM_SCENARIOS_DIR must be set\n");
    return 77;
  }
  g_test_add_func ("/sim/e2e/pty", test_pty);
  g_test_add_func ("/sim/e2e/abstract", test_abstract);
  g_test_add_func ("/sim/e2e/delay", test_delay);
  g_test_add_func ("/sim/e2e/mute-after", test_mute_after);
  g_test_add_func ("/sim/e2e/bad-scenario", test_bad_scenario);
  return g_test_run ();
}
