/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Starting, driving and stopping modem-sim for end-to-end tests. */
#include "sim-process.h"

#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <string.h>

void
sim_process_start (SimProcess *sim, const char *scenario, const char *at, const char *mbim)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("SIM_SCENARIOS_DIR"), scenario, NULL);
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *control = NULL;

  sim->dir = g_dir_make_tmp ("modem-sim-test-XXXXXX", &error);
  g_assert_no_error (error);
  control = g_build_filename (sim->dir, "control", NULL);
  sim->process
    = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("MODEM_SIM"), "--scenario", path,
                        "--at", at, "--control", control, mbim ? "--mbim" : NULL, mbim, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sim->process));
  for (;;) {
    g_autofree char *line = g_data_input_stream_read_line (out, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (line);
    if (g_str_has_prefix (line, "at "))
      sim->at = g_strdup (line + 3);
    else if (g_str_has_prefix (line, "mbim "))
      sim->mbim = g_strdup (line + 5);
    else if (g_str_has_prefix (line, "control "))
      sim->control = g_strdup (line + 8);
    else if (g_str_equal (line, "ready"))
      break;
  }
  g_assert_true ((sim->at != NULL) == (g_strcmp0 (at, "none") != 0));
  g_assert_true ((sim->mbim != NULL) == (mbim != NULL));
  g_assert_cmpstr (sim->control, ==, control);
}

void
sim_process_stop (SimProcess *sim)
{
  if (g_subprocess_get_identifier (sim->process))
    g_subprocess_force_exit (sim->process);
  g_subprocess_wait (sim->process, NULL, NULL);
  g_object_unref (sim->process);
  g_rmdir (sim->dir);
  g_free (sim->dir);
  g_free (sim->at);
  g_free (sim->mbim);
  g_free (sim->control);
}

char *
sim_process_control (SimProcess *sim, const char *command)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketAddress) address = g_unix_socket_address_new (sim->control);
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GDataInputStream) in = NULL;
  g_autofree char *line = g_strconcat (command, "\n", NULL);
  char *reply;

  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), line, strlen (line),
                             NULL, NULL, &error);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  reply = g_data_input_stream_read_line (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  return reply;
}

char *
sim_process_get (SimProcess *sim, const char *key)
{
  g_autofree char *command = g_strconcat ("get ", key, NULL);
  g_autofree char *reply = sim_process_control (sim, command);

  g_assert_true (g_str_has_prefix (reply, "OK "));
  return g_strdup (reply + 3);
}
