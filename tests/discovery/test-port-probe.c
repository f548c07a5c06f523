/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Discovery's port probe: port strings with and without a type, an untyped
 * port that answers AT, a silent AT candidate left out, and a device left
 * without a control port. Scripted modems on ptys (tests/port) answer. */
#include "at-peer.h"
#include "md-errors.h"
#include "md-port-probe.h"

static void
test_spec_parse (void)
{
  MdModemPortType type;
  g_autofree char *device = NULL;
  g_autofree char *name = NULL;
  GError *error = NULL;

  g_assert_true (md_port_spec_parse ("mbim:/dev/cdc-wdm0", &type, &device, &error));
  g_assert_cmpint (type, ==, MD_MODEM_PORT_TYPE_MBIM);
  g_assert_cmpstr (device, ==, "/dev/cdc-wdm0");
  g_clear_pointer (&device, g_free);
  g_assert_true (md_port_spec_parse ("/dev/ttyUSB2", &type, &device, &error));
  g_assert_cmpint (type, ==, MD_MODEM_PORT_TYPE_UNKNOWN);
  name = md_port_spec_name (type, device);
  g_assert_cmpstr (name, ==, "ttyUSB2");
  g_clear_pointer (&device, g_free);
  g_assert_true (md_port_spec_parse ("qmi:/dev/cdc-wdm0", &type, &device, &error));
  g_assert_cmpint (type, ==, MD_MODEM_PORT_TYPE_QMI);
  g_assert_cmpstr (device, ==, "/dev/cdc-wdm0");
  g_assert_false (md_port_spec_parse ("at:", &type, &device, &error));
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
  g_clear_error (&error);
}

typedef struct {
  gboolean done;
  GPtrArray *probed;
  GError *error;
} ProbeResult;

static ProbeResult result;

static void
probed (GObject *source, GAsyncResult *res, gpointer user_data)
{
  result.probed = md_ports_probe_finish (res, &result.error);
  result.done = TRUE;
}

static gboolean
probe_done (AtPeer *peer)
{
  return result.done;
}

/* A peer whose own port is closed, so the probe opens the pty itself. */
static AtPeer *
free_peer (void)
{
  AtPeer *peer = at_peer_new (AT_PEER_PTY);

  md_at_port_close (peer->port);
  return peer;
}

static void
run_probe (AtPeer *peer, const MdPortToProbe *ports, guint n_ports)
{
  memset (&result, 0, sizeof result);
  md_ports_probe_async (ports, n_ports, NULL, NULL, probed, NULL);
  at_peer_run_until (peer, probe_done);
}

static void
clear_result (void)
{
  g_clear_pointer (&result.probed, g_ptr_array_unref);
  g_clear_error (&result.error);
}

static void
test_untyped_answers_at (void)
{
  AtPeer *modem = free_peer ();
  AtPeer *silent = free_peer ();
  MdPortToProbe ports[] = {
    { .device = silent->device, .name = "ttyUSB0", .type = MD_MODEM_PORT_TYPE_AT, .candidate = TRUE },
    { .device = modem->device, .name = "ttyUSB2", .type = MD_MODEM_PORT_TYPE_UNKNOWN },
    { .device = "wwan0", .name = "wwan0", .type = MD_MODEM_PORT_TYPE_NET },
  };
  MdProbedPort *at;

  at_peer_script (modem, "AT", "\r\nOK\r\n");
  run_probe (modem, ports, G_N_ELEMENTS (ports));
  g_assert_no_error (result.error);
  /* The silent candidate is left out; the others keep their order. */
  g_assert_cmpuint (result.probed->len, ==, 2);
  at = g_ptr_array_index (result.probed, 0);
  g_assert_cmpstr (at->name, ==, "ttyUSB2");
  g_assert_cmpint (at->type, ==, MD_MODEM_PORT_TYPE_AT);
  g_assert_nonnull (at->port);
  g_assert_cmpint (md_port_get_kind (at->port), ==, MD_MODEM_PORT_TYPE_AT);
  g_assert_cmpstr (md_port_get_device (at->port), ==, modem->device);
  g_assert_cmpint (((MdProbedPort *)g_ptr_array_index (result.probed, 1))->type, ==, MD_MODEM_PORT_TYPE_NET);
  g_assert_null (((MdProbedPort *)g_ptr_array_index (result.probed, 1))->port);
  g_assert_nonnull (strstr (silent->received->str, "AT\r"));
  clear_result ();
  at_peer_free (modem);
  at_peer_free (silent);
}

static void
test_no_control_port (void)
{
  AtPeer *silent = free_peer ();
  MdPortToProbe ports[] = {
    { .device = silent->device, .name = "ttyUSB0", .type = MD_MODEM_PORT_TYPE_AT, .candidate = TRUE },
    { .device = "wwan0", .name = "wwan0", .type = MD_MODEM_PORT_TYPE_NET },
  };

  run_probe (silent, ports, G_N_ELEMENTS (ports));
  g_assert_error (result.error, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND);
  g_assert_null (result.probed);
  clear_result ();
  at_peer_free (silent);
}

static void
test_missing_typed_port_fails (void)
{
  AtPeer *modem = free_peer ();
  MdPortToProbe ports[] = {
    { .device = modem->device, .name = "ttyUSB2", .type = MD_MODEM_PORT_TYPE_AT },
    { .device = "/dev/modemd-test-no-such-port", .name = "ttyUSB9", .type = MD_MODEM_PORT_TYPE_AT },
  };

  at_peer_script (modem, "AT", "\r\nOK\r\n");
  run_probe (modem, ports, G_N_ELEMENTS (ports));
  g_assert_error (result.error, MD_SERIAL_ERROR, MD_SERIAL_ERROR_OPEN_FAILED_NO_DEVICE);
  clear_result ();
  at_peer_free (modem);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/port-probe/spec", test_spec_parse);
  g_test_add_func ("/port-probe/untyped-answers-at", test_untyped_answers_at);
  g_test_add_func ("/port-probe/no-control-port", test_no_control_port);
  g_test_add_func ("/port-probe/missing-typed-port", test_missing_typed_port_fails);
  return g_test_run ();
}
