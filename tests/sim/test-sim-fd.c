/* SPDX-License-Identifier: GPL-2.0-or-later */
/* modem-sim serving inherited fds (--at fd:N, --at-extra fd:N, --mbim
 * fd:N), as the umockdev harness runs it on the pty masters behind emulated
 * device nodes: the test owns the masters, modem-sim answers on them, and
 * the ports share one model. Bad fd specs are refused. */
#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define WAIT_MS (30 * 1000)

typedef struct {
  int master;
  int slave;
} Pty;

static void
pty_open (Pty *pty)
{
  struct termios tio;

  pty->master = posix_openpt (O_RDWR | O_NOCTTY);
  g_assert_cmpint (pty->master, >=, 0);
  g_assert_cmpint (grantpt (pty->master), ==, 0);
  g_assert_cmpint (unlockpt (pty->master), ==, 0);
  pty->slave = open (ptsname (pty->master), O_RDWR | O_NOCTTY | O_CLOEXEC);
  g_assert_cmpint (pty->slave, >=, 0);
  g_assert_cmpint (tcgetattr (pty->slave, &tio), ==, 0);
  cfmakeraw (&tio);
  g_assert_cmpint (tcsetattr (pty->slave, TCSANOW, &tio), ==, 0);
}

/* Sends command on fd and reads until the answer ends with "OK\r\n" or
 * "ERROR\r\n". */
static char *
at_command (int fd, const char *command)
{
  GString *answer = g_string_new (NULL);
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * 1000;

  g_assert_cmpint (write (fd, command, strlen (command)), ==, (gssize)strlen (command));
  while (!g_str_has_suffix (answer->str, "OK\r\n") && !g_str_has_suffix (answer->str, "ERROR\r\n")) {
    struct pollfd pfd = { fd, POLLIN, 0 };
    char buffer[256];
    ssize_t n;

    g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    if (poll (&pfd, 1, 100) <= 0)
      continue;
    n = read (fd, buffer, sizeof buffer);
    g_assert_cmpint (n, >, 0);
    g_string_append_len (answer, buffer, n);
  }
  return g_string_free (answer, FALSE);
}

static GSubprocess *
start_sim (GSubprocessLauncher *launcher, const char *const *args, GPtrArray *lines)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  GSubprocess *process = g_subprocess_launcher_spawnv (launcher, args, &error);

  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  for (;;) {
    char *line = g_data_input_stream_read_line (out, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (line);
    if (g_str_equal (line, "ready")) {
      g_free (line);
      return process;
    }
    if (!g_str_has_prefix (line, "control "))
      g_ptr_array_add (lines, line);
    else
      g_free (line);
  }
}

/* The AT port and a further AT port on inherited pty masters: both answer,
 * and a change made on one is seen on the other. */
static void
test_at_fds (void)
{
  g_autofree char *scenario = g_build_filename (SIM_SCENARIOS_DIR, "default.ini", NULL);
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GSubprocess) sim = NULL;
  g_autofree char *a1 = NULL;
  g_autofree char *a2 = NULL;
  g_autofree char *a3 = NULL;
  const char *args[]
    = { g_getenv ("MODEM_SIM"), "--scenario", scenario, "--at", "fd:3", "--at-extra", "fd:4", NULL };
  Pty primary, extra;

  pty_open (&primary);
  pty_open (&extra);
  g_subprocess_launcher_take_fd (launcher, dup (primary.master), 3);
  g_subprocess_launcher_take_fd (launcher, dup (extra.master), 4);
  sim = start_sim (launcher, args, lines);
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, "at fd:3");
  g_assert_cmpstr (g_ptr_array_index (lines, 1), ==, "at-extra fd:4");
  a1 = at_command (primary.slave, "ATE0\r");
  g_assert_true (g_str_has_suffix (a1, "OK\r\n"));
  a2 = at_command (extra.slave, "ATE0;+CFUN=1\r");
  g_assert_true (g_str_has_suffix (a2, "OK\r\n"));
  a3 = at_command (primary.slave, "AT+CFUN?\r");
  g_assert_nonnull (strstr (a3, "+CFUN: 1"));
  g_subprocess_force_exit (sim);
  g_subprocess_wait (sim, NULL, NULL);
  close (primary.master);
  close (primary.slave);
  close (extra.master);
  close (extra.slave);
}

/* The MBIM port on an inherited pty master: an MBIM OPEN gets OPEN_DONE. */
static void
test_mbim_fd (void)
{
  g_autofree char *scenario = g_build_filename (SIM_SCENARIOS_DIR, "default.ini", NULL);
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GSubprocess) sim = NULL;
  const char *args[]
    = { g_getenv ("MODEM_SIM"), "--scenario", scenario, "--at", "none", "--mbim", "fd:3", NULL };
  /* MBIM_OPEN_MSG: type 1, length 16, transaction 1, max control transfer 4096. */
  static const guint8 open_msg[] = { 0x01, 0, 0, 0, 0x10, 0, 0, 0, 0x01, 0, 0, 0, 0x00, 0x10, 0, 0 };
  guint8 reply[16];
  gsize got = 0;
  gint64 deadline;
  Pty port;

  pty_open (&port);
  g_subprocess_launcher_take_fd (launcher, dup (port.master), 3);
  sim = start_sim (launcher, args, lines);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, "mbim fd:3");
  g_assert_cmpint (write (port.slave, open_msg, sizeof open_msg), ==, sizeof open_msg);
  deadline = g_get_monotonic_time () + WAIT_MS * 1000;
  while (got < sizeof reply) {
    struct pollfd pfd = { port.slave, POLLIN, 0 };
    ssize_t n;

    g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    if (poll (&pfd, 1, 100) <= 0)
      continue;
    n = read (port.slave, reply + got, sizeof reply - got);
    g_assert_cmpint (n, >, 0);
    got += (gsize)n;
  }
  /* MBIM_OPEN_DONE: type 0x80000001, transaction 1. */
  g_assert_cmpuint (reply[0], ==, 0x01);
  g_assert_cmpuint (reply[3], ==, 0x80);
  g_assert_cmpuint (reply[8], ==, 0x01);
  g_subprocess_force_exit (sim);
  g_subprocess_wait (sim, NULL, NULL);
  close (port.master);
  close (port.slave);
}

/* fd specs naming no open inherited fd end the program with an error. */
static void
test_bad_fd (void)
{
  g_autofree char *scenario = g_build_filename (SIM_SCENARIOS_DIR, "default.ini", NULL);
  const char *const specs[][2] = { { "--at", "fd:77" },
                                   { "--at", "fd:1" },
                                   { "--at", "fd:x" },
                                   { "--mbim", "fd:" },
                                   { "--at-extra", "fd:99" } };

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (GSubprocess) sim
      = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                          g_getenv ("MODEM_SIM"), "--scenario", scenario, specs[i][0], specs[i][1], NULL);
    g_autofree char *err = NULL;

    g_assert_no_error (error);
    g_assert_true (g_subprocess_communicate_utf8 (sim, NULL, NULL, NULL, &err, &error));
    g_assert_no_error (error);
    g_assert_true (g_subprocess_get_if_exited (sim));
    g_assert_cmpint (g_subprocess_get_exit_status (sim), ==, EXIT_FAILURE);
    g_assert_nonnull (strstr (err, specs[i][1]));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/fd/at", test_at_fds);
  g_test_add_func ("/sim/fd/mbim", test_mbim_fd);
  g_test_add_func ("/sim/fd/bad", test_bad_fd);
  return g_test_run ();
}
