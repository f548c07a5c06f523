/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MdQmiPort against modem-sim's QMI session served in this process on a
 * pty: open, a DMS request through a port client, one shared allocation,
 * a service the device lacks, the open timeout, a missing node, close and
 * a vanishing device failing what is pending exactly once, a reopen
 * waiting for the previous close; and the same
 * request over MBIM (modem-sim's MBIM session with QMI over MBIM). */
#include <fcntl.h>
#include <glib-unix.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include "md-errors.h"
#include "md-port-closing.h"
#include "md-qmi-port.h"
#include "sim-mbim.h"
#include "sim-qmi.h"
#include "sim-scenario.h"

static const char scenario_text[]
  = "[identity]\nmanufacturer=ACME\nmodel=Rocket 5\nrevision=R1\nimei=356938035643809\n[power]\ncfun=4\n";

typedef struct {
  SimScenario *scenario;
  SimQmi *qmi;
  SimMbim *mbim; /* the peer when the port runs over MBIM */
  int master;
  int slave; /* kept open so the master never reads EIO between clients */
  guint watch;
  char *path;
  MdQmiPort *port;
} Fixture;

static void
peer_write (const guint8 *data, gsize len, gpointer user_data)
{
  Fixture *f = user_data;

  while (len > 0) {
    ssize_t n = write (f->master, data, len);

    if (n < 0) {
      g_assert_cmpint (errno, ==, EINTR);
      continue;
    }
    data += n;
    len -= (gsize)n;
  }
}

static gboolean
peer_readable (int fd, GIOCondition condition, gpointer user_data)
{
  Fixture *f = user_data;
  guint8 buffer[4096];
  ssize_t n = read (fd, buffer, sizeof buffer);

  if (n > 0 && f->mbim)
    sim_mbim_feed (f->mbim, buffer, (gsize)n);
  else if (n > 0)
    sim_qmi_feed (f->qmi, buffer, (gsize)n);
  return G_SOURCE_CONTINUE;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  struct termios tio;

  f->scenario = sim_scenario_load_data (scenario_text, &error);
  g_assert_no_error (error);
  if (g_strcmp0 (data, "mbim") == 0) {
    SimMbimOptions options = { 0 };

    f->scenario->model->qmi_over_mbim = TRUE;
    f->mbim = sim_mbim_new (f->scenario->model, &options, peer_write, f);
  } else {
    f->qmi = sim_qmi_new (f->scenario->model, peer_write, f);
  }
  f->master = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
  g_assert_cmpint (f->master, >=, 0);
  g_assert_cmpint (grantpt (f->master), ==, 0);
  g_assert_cmpint (unlockpt (f->master), ==, 0);
  g_assert_cmpint (tcgetattr (f->master, &tio), ==, 0);
  cfmakeraw (&tio);
  g_assert_cmpint (tcsetattr (f->master, TCSANOW, &tio), ==, 0);
  f->path = g_strdup (ptsname (f->master));
  f->slave = open (f->path, O_RDWR | O_NOCTTY | O_CLOEXEC);
  g_assert_cmpint (f->slave, >=, 0);
  g_unix_set_fd_nonblocking (f->master, TRUE, NULL);
  f->watch = g_unix_fd_add (f->master, G_IO_IN, peer_readable, f);
  f->port = f->mbim ? md_qmi_port_new_over_mbim (f->path, FALSE) : md_qmi_port_new (f->path, FALSE);
}

/* The device goes away: the master closes. */
static void
unplug (Fixture *f)
{
  g_clear_handle_id (&f->watch, g_source_remove);
  if (f->master >= 0)
    close (f->master);
  f->master = -1;
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  md_qmi_port_close (f->port);
  g_clear_object (&f->port);
  /* Let the close and release exchanges finish before the peer goes. */
  for (int i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  unplug (f);
  close (f->slave);
  g_clear_pointer (&f->qmi, sim_qmi_free);
  g_clear_pointer (&f->mbim, sim_mbim_free);
  sim_scenario_free (f->scenario);
  g_free (f->path);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (!*slot)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
store_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static void
open_port (Fixture *f)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  md_qmi_port_open_async (f->port, 5, NULL, store_result, &result);
  g_assert_true (md_qmi_port_open_finish (f->port, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_true (md_qmi_port_is_open (f->port));
}

static QmiClient *
get_client (Fixture *f, QmiService service, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  md_qmi_port_get_client_async (f->port, service, NULL, store_result, &result);
  return md_qmi_port_get_client_finish (f->port, wait_result (&result), error);
}

/* A DMS Get Manufacturer as a driver sends it: tracked by the port. */
typedef struct {
  MdQmiPort *port;
  QmiClient *client;
} Request;

static void
manufacturer_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  MdQmiPort *port = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (QmiMessageDmsGetManufacturerOutput) output
    = qmi_client_dms_get_manufacturer_finish (QMI_CLIENT_DMS (source), result, &error);
  const char *value = NULL;

  if (!md_qmi_port_request_end (port, task)) {
    g_object_unref (task);
    return;
  }
  if (!output)
    g_task_return_error (task, md_qmi_port_transport_error (port, error, "DMS Get Manufacturer"));
  else if (!qmi_message_dms_get_manufacturer_output_get_manufacturer (output, &value, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_strdup (value), g_free);
  g_object_unref (task);
}

static void
send_manufacturer (Fixture *f, QmiClient *client, GAsyncResult **slot)
{
  GTask *task = g_task_new (f->port, NULL, store_result, slot);
  GCancellable *cancellable = md_qmi_port_request_begin (f->port, task);

  qmi_client_dms_get_manufacturer (QMI_CLIENT_DMS (client), NULL, 30, cancellable, manufacturer_ready, task);
}

static void
test_request (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (QmiClient) client = NULL;
  g_autofree char *value = NULL;

  open_port (f);
  client = get_client (f, QMI_SERVICE_DMS, &error);
  g_assert_no_error (error);
  g_assert_true (QMI_IS_CLIENT_DMS (client));
  g_assert_true (md_qmi_port_peek_client (f->port, QMI_SERVICE_DMS) == client);
  send_manufacturer (f, client, &result);
  value = g_task_propagate_pointer (G_TASK (wait_result (&result)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "ACME");
  if (f->mbim) {
    g_assert_true (md_qmi_port_is_over_mbim (f->port));
    g_assert_cmpstr (sim_mbim_get_last_command (f->mbim), ==, "qmi msg set");
  }
}

static void
count_allocated (MdQmiPort *port, QmiClient *client, gpointer user_data)
{
  (*(guint *)user_data)++;
}

static void
test_shared_allocation (Fixture *f, gconstpointer data)
{
  g_autoptr (GAsyncResult) first = NULL;
  g_autoptr (GAsyncResult) second = NULL;
  g_autoptr (QmiClient) a = NULL;
  g_autoptr (QmiClient) b = NULL;
  g_autoptr (QmiClient) c = NULL;
  guint allocated = 0;

  open_port (f);
  g_signal_connect (f->port, "client-allocated", G_CALLBACK (count_allocated), &allocated);
  md_qmi_port_get_client_async (f->port, QMI_SERVICE_DMS, NULL, store_result, &first);
  md_qmi_port_get_client_async (f->port, QMI_SERVICE_DMS, NULL, store_result, &second);
  a = md_qmi_port_get_client_finish (f->port, wait_result (&first), NULL);
  b = md_qmi_port_get_client_finish (f->port, wait_result (&second), NULL);
  c = get_client (f, QMI_SERVICE_DMS, NULL);
  g_assert_nonnull (a);
  g_assert_true (a == b && b == c);
  g_assert_cmpuint (allocated, ==, 1);
  g_assert_cmpuint (sim_qmi_get_client_count (f->qmi), ==, 1);
  /* Close releases the client id in the device. */
  md_qmi_port_close (f->port);
  g_assert_false (md_qmi_port_is_open (f->port));
  while (sim_qmi_get_client_count (f->qmi) != 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_unsupported_service (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (QmiClient) client = NULL;

  open_port (f);
  /* The simulator serves no PDC. */
  client = get_client (f, QMI_SERVICE_PDC, &error);
  g_assert_null (client);
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED);
  /* Asked again, the port answers from what the device said, without a
   * second Allocate CID. */
  {
    SimQmi *qmi = f->mbim ? sim_mbim_get_qmi (f->mbim) : f->qmi;
    guint64 asked = sim_history_count (sim_qmi_get_history (qmi));

    g_clear_error (&error);
    client = get_client (f, QMI_SERVICE_PDC, &error);
    g_assert_null (client);
    g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED);
    g_assert_cmpuint (sim_history_count (sim_qmi_get_history (qmi)), ==, asked);
  }
  /* The port stays usable. */
  g_clear_error (&error);
  g_clear_object (&client);
  client = get_client (f, QMI_SERVICE_DMS, &error);
  g_assert_no_error (error);
}

static void
test_open_timeout (Fixture *f, gconstpointer data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  sim_qmi_set_muted (f->qmi, TRUE);
  md_qmi_port_open_async (f->port, 1, NULL, store_result, &result);
  g_assert_false (md_qmi_port_open_finish (f->port, wait_result (&result), &error));
  g_assert_error (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_RESPONSE_TIMEOUT);
  g_assert_false (md_qmi_port_is_open (f->port));
}

static void
test_missing_node (void)
{
  g_autoptr (MdQmiPort) port = md_qmi_port_new ("/dev/cdc-wdm-does-not-exist", FALSE);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (md_qmi_port_get_name (port), ==, "cdc-wdm-does-not-exist");
  md_qmi_port_open_async (port, 1, NULL, store_result, &result);
  g_assert_false (md_qmi_port_open_finish (port, wait_result (&result), &error));
  g_assert_error (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_OPEN_FAILED_NO_DEVICE);
}

static void
test_not_open (void)
{
  g_autoptr (MdQmiPort) port = md_qmi_port_new ("/dev/cdc-wdm9", FALSE);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (QmiClient) client = NULL;

  md_qmi_port_get_client_async (port, QMI_SERVICE_DMS, NULL, store_result, &result);
  client = md_qmi_port_get_client_finish (port, wait_result (&result), &error);
  g_assert_null (client);
  g_assert_error (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN);
}

static void
test_close_fails_pending (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (QmiClient) client = NULL;
  g_autofree char *value = NULL;

  open_port (f);
  client = get_client (f, QMI_SERVICE_DMS, &error);
  g_assert_no_error (error);
  sim_qmi_set_muted (f->qmi, TRUE);
  send_manufacturer (f, client, &result);
  md_qmi_port_close (f->port);
  value = g_task_propagate_pointer (G_TASK (wait_result (&result)), &error);
  g_assert_null (value);
  g_assert_error (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN);
}

typedef struct {
  const char *path;
  GAsyncResult *result;
  gboolean close_pending; /* when the open answered */
} Reopen;

static void
reopen_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Reopen *reopen = user_data;

  reopen->close_pending = md_port_closing_pending (reopen->path);
  reopen->result = g_object_ref (result);
}

/* A port closed with a client releases it, then closes the device: a new
 * port on the same node opens only once that is over. */
static void
test_reopen_waits_for_close (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (QmiClient) client = NULL;
  g_autoptr (MdQmiPort) again = md_qmi_port_new (f->path, FALSE);
  Reopen reopen = { .path = f->path };

  open_port (f);
  client = get_client (f, QMI_SERVICE_DMS, &error);
  g_assert_no_error (error);
  md_qmi_port_close (f->port);
  g_assert_true (md_port_closing_pending (f->path));
  md_qmi_port_open_async (again, 5, NULL, reopen_ready, &reopen);
  g_assert_true (md_qmi_port_open_finish (again, wait_result (&reopen.result), &error));
  g_assert_no_error (error);
  g_assert_false (reopen.close_pending);
  g_assert_false (md_port_closing_pending (f->path));
  g_object_unref (reopen.result);
  md_qmi_port_close (again);
}

static void
count_closed (MdQmiPort *port, GError *error, gpointer user_data)
{
  g_assert_error (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN);
  (*(guint *)user_data)++;
}

static void
test_vanish_fails_pending (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) first = NULL;
  g_autoptr (GAsyncResult) second = NULL;
  g_autoptr (GAsyncResult) late = NULL;
  g_autoptr (QmiClient) client = NULL;
  g_autoptr (QmiClient) none = NULL;
  guint closed = 0, vanished = 0;

  open_port (f);
  g_signal_connect (f->port, "closed", G_CALLBACK (count_closed), &closed);
  g_signal_connect (f->port, "vanished", G_CALLBACK (count_closed), &vanished);
  client = get_client (f, QMI_SERVICE_DMS, &error);
  g_assert_no_error (error);
  sim_qmi_set_muted (f->qmi, TRUE);
  send_manufacturer (f, client, &first);
  send_manufacturer (f, client, &second);
  unplug (f);
  g_assert_null (g_task_propagate_pointer (G_TASK (wait_result (&first)), &error));
  g_assert_error (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN);
  g_clear_error (&error);
  g_assert_null (g_task_propagate_pointer (G_TASK (wait_result (&second)), &error));
  g_assert_error (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN);
  g_clear_error (&error);
  g_assert_cmpuint (closed, ==, 1);
  g_assert_cmpuint (vanished, ==, 1);
  g_assert_false (md_qmi_port_is_open (f->port));
  /* What comes after fails at once. */
  md_qmi_port_get_client_async (f->port, QMI_SERVICE_NAS, NULL, store_result, &late);
  none = md_qmi_port_get_client_finish (f->port, wait_result (&late), &error);
  g_assert_null (none);
  g_assert_error (error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN);
  md_qmi_port_close (f->port);
  g_assert_cmpuint (closed, ==, 1);
}

/* A caller that cancels its wait for a shared client is answered at once
 * with Core.Cancelled; the allocation goes on for the caller still waiting
 * (data NULL) or, with none left ("alone"), for the next caller, who gets
 * that client without a second Allocate CID. */
static void
test_allocation_cancel (Fixture *f, gconstpointer data)
{
  gboolean alone = g_strcmp0 (data, "alone") == 0;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) cancelled = NULL;
  g_autoptr (GAsyncResult) waiting = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (QmiClient) none = NULL;
  g_autoptr (QmiClient) client = NULL;
  g_autoptr (QmiClient) later = NULL;
  guint asked;

  open_port (f);
  /* The simulator reads nothing until its watch is back: the Allocate CID
   * request waits in the pty. */
  g_clear_handle_id (&f->watch, g_source_remove);
  md_qmi_port_get_client_async (f->port, QMI_SERVICE_NAS, cancellable, store_result, &cancelled);
  if (!alone)
    md_qmi_port_get_client_async (f->port, QMI_SERVICE_NAS, NULL, store_result, &waiting);
  g_cancellable_cancel (cancellable);
  none = md_qmi_port_get_client_finish (f->port, wait_result (&cancelled), &error);
  g_assert_null (none);
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_null (waiting);
  f->watch = g_unix_fd_add (f->master, G_IO_IN, peer_readable, f);
  if (alone) {
    /* The allocation still completes and its client is kept. */
    while (!md_qmi_port_peek_client (f->port, QMI_SERVICE_NAS))
      g_main_context_iteration (NULL, TRUE);
  } else {
    client = md_qmi_port_get_client_finish (f->port, wait_result (&waiting), &error);
    g_assert_no_error (error);
    g_assert_true (QMI_IS_CLIENT_NAS (client));
  }
  asked = sim_history_count (sim_qmi_get_history (f->qmi));
  later = get_client (f, QMI_SERVICE_NAS, &error);
  g_assert_no_error (error);
  g_assert_true (later == md_qmi_port_peek_client (f->port, QMI_SERVICE_NAS));
  g_assert_cmpuint (sim_history_count (sim_qmi_get_history (f->qmi)), ==, asked);
}

/* A further instance of a service is its own client id, kept apart from
 * instance 0 and shared by its own callers. */
static void
test_client_instances (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (QmiClient) first = NULL;
  g_autoptr (QmiClient) second = NULL;

  open_port (f);
  first = get_client (f, QMI_SERVICE_WDS, &error);
  g_assert_no_error (error);
  md_qmi_port_get_client_instance_async (f->port, QMI_SERVICE_WDS, 1, NULL, store_result, &result);
  second = md_qmi_port_get_client_finish (f->port, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (QMI_IS_CLIENT_WDS (second));
  g_assert_cmpuint (qmi_client_get_cid (first), !=, qmi_client_get_cid (second));
  g_assert_true (md_qmi_port_peek_client (f->port, QMI_SERVICE_WDS) == first);
  g_assert_true (md_qmi_port_peek_client_instance (f->port, QMI_SERVICE_WDS, 0) == first);
  g_assert_true (md_qmi_port_peek_client_instance (f->port, QMI_SERVICE_WDS, 1) == second);
  g_assert_null (md_qmi_port_peek_client_instance (f->port, QMI_SERVICE_WDS, 2));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* libqmi warns "Cannot read from istream" when a pty's peer goes, which
   * these tests do on purpose (and teardown does after each test). */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_test_add ("/qmi-port/request", Fixture, NULL, fixture_setup, test_request, fixture_teardown);
  g_test_add ("/qmi-port/over-mbim/request", Fixture, "mbim", fixture_setup, test_request, fixture_teardown);
  g_test_add ("/qmi-port/over-mbim/unsupported-service", Fixture, "mbim", fixture_setup,
              test_unsupported_service, fixture_teardown);
  g_test_add ("/qmi-port/client-instances", Fixture, NULL, fixture_setup, test_client_instances,
              fixture_teardown);
  g_test_add ("/qmi-port/shared-allocation", Fixture, NULL, fixture_setup, test_shared_allocation,
              fixture_teardown);
  g_test_add ("/qmi-port/allocation-cancel", Fixture, NULL, fixture_setup, test_allocation_cancel,
              fixture_teardown);
  g_test_add ("/qmi-port/allocation-cancel/alone", Fixture, "alone", fixture_setup, test_allocation_cancel,
              fixture_teardown);
  g_test_add ("/qmi-port/unsupported-service", Fixture, NULL, fixture_setup, test_unsupported_service,
              fixture_teardown);
  g_test_add ("/qmi-port/open-timeout", Fixture, NULL, fixture_setup, test_open_timeout, fixture_teardown);
  g_test_add_func ("/qmi-port/missing-node", test_missing_node);
  g_test_add_func ("/qmi-port/not-open", test_not_open);
  g_test_add ("/qmi-port/close-fails-pending", Fixture, NULL, fixture_setup, test_close_fails_pending,
              fixture_teardown);
  g_test_add ("/qmi-port/reopen-waits-for-close", Fixture, NULL, fixture_setup, test_reopen_waits_for_close,
              fixture_teardown);
  g_test_add ("/qmi-port/vanish-fails-pending", Fixture, NULL, fixture_setup, test_vanish_fails_pending,
              fixture_teardown);
  return g_test_run ();
}
