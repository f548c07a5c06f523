/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Building an MBIM modem from probed ports (held in the modem by role, the
 * driver's state kept with the MBIM port; a session the modem lost makes
 * it ask to be rebuilt), the one request helper every MBIM op uses, and
 * the MBIM modem's ops tables put together. */
#include "md-mbim-modem-private.h"

#include "md-at-modem.h"
#include "md-errors.h"
#include "md-log.h"
#include "md-mbim-ops.h"

static void
md_mbim_modem_data_free (gpointer data)
{
  MdMbimModemData *mbim = data;

  md_mbim_delete_created_links (mbim);
  g_clear_pointer (&mbim->links, md_net_links_unref);
  g_free (mbim);
}

MdMbimModemData *
md_mbim_modem_data (MdModem *modem)
{
  MdPort *port = md_modem_get_port (modem, MD_PORT_ROLE_MBIM);

  return port ? md_port_get_driver_state (port) : NULL;
}

static MdMbimPort *
control_port (MdModem *modem)
{
  MdPort *port = md_modem_get_port (modem, MD_PORT_ROLE_MBIM);

  return port ? MD_MBIM_PORT (port) : NULL;
}

/* Holds port as the modem's MBIM port, with a fresh driver state. */
static MdMbimModemData *
hold_mbim_port (MdModem *modem, MdMbimPort *port, MdNetLinks *links)
{
  MdMbimModemData *mbim = g_new0 (MdMbimModemData, 1);

  mbim->max_sessions = 1;
  mbim->links = links;
  md_port_set_driver_state (MD_PORT (port), mbim, md_mbim_modem_data_free);
  md_modem_hold_port (modem, MD_PORT (port), MD_PORT_ROLE_MBIM);
  return mbim;
}

/* --- building ------------------------------------------------------------- */

static void
port_indication (MdMbimPort *port, MbimMessage *message, gpointer user_data)
{
  md_mbim_dispatch_indication (MD_MODEM (user_data), message);
}

/* The modem answered NotOpened: it restarted and lost our session (and
 * with it the SIM's unlock, the radio's state, every data session). A new
 * modem from the start is what a client can trust. */
static void
port_session_lost (MdMbimPort *port, gpointer user_data)
{
  md_modem_request_rebuild (MD_MODEM (user_data), MD_MODEM_REBUILD_SESSION_LOST,
                            "the modem closed its MBIM session (it restarted)");
}

MdModem *
md_mbim_modem_build (guint modem_id, const char *plugin_name, const MdPluginDevice *device,
                     const MdPluginSettings *settings, const MdModemOps *ops)
{
  GPtrArray *probed = device->ports;
  MdModem *modem = md_modem_new (modem_id, device->uid, plugin_name, device->drivers, ops);
  /* Each modem has its own links object, which remembers what it created. */
  MdNetLinks *links = settings->fake_net_links ? md_net_links_new_fake () : md_net_links_new_rtnetlink ();
  g_autoptr (MdMbimPort) control = NULL;
  const char *primary_name = NULL;

  for (guint i = 0; i < probed->len; i++) {
    MdProbedPort *port = g_ptr_array_index (probed, i);

    md_modem_add_port (modem, port->name, port->type);
    /* In test mode the profile's interfaces are the fake kernel's. */
    if (port->type == MD_MODEM_PORT_TYPE_NET && md_net_links_is_fake (links))
      md_net_links_fake_add_parent (links, port->name);
    if (port->type == MD_MODEM_PORT_TYPE_MBIM && port->port && !control) {
      control = MD_MBIM_PORT (g_steal_pointer (&port->port));
      primary_name = port->name;
    }
  }
  if (!control) {
    /* A plugin's mistake, not the device's: it must check for the port. */
    md_log_warn (md_modem_get_log_name (modem), "no MBIM port to build an MBIM modem on");
    md_net_links_unref (links);
    g_object_unref (modem);
    return NULL;
  }
  hold_mbim_port (modem, control, links);
  md_at_modem_hold_ports (modem, device, MD_PORT_ROLE_AT_SECONDARY);
  g_signal_connect_object (control, "indication", G_CALLBACK (port_indication), modem, 0);
  g_signal_connect_object (control, "session-lost", G_CALLBACK (port_session_lost), modem, 0);
  md_modem_set_primary_port (modem, primary_name);
  return modem;
}

MdModem *
md_mbim_modem_new_with_replies (guint modem_id, const MdModemOps *ops, const char *net, MdMbimReplyFn reply,
                                gpointer user_data)
{
  const char *const drivers[] = { "cdc_mbim", NULL };
  MdModem *modem = md_modem_new (modem_id, "replies", "mbim", drivers, ops);
  /* A port that is never opened carries the state; reply answers for it. */
  g_autoptr (MdMbimPort) port = md_mbim_port_new ("replies", FALSE);
  MdMbimModemData *mbim = hold_mbim_port (modem, port, md_net_links_new_fake ());

  md_net_links_fake_add_parent (mbim->links, net);
  mbim->reply = reply;
  mbim->reply_data = user_data;
  md_modem_add_port (modem, net, MD_MODEM_PORT_TYPE_NET);
  return modem;
}

/* --- requests ------------------------------------------------------------- */

static void
command_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  MbimMessage *response = md_mbim_port_command_finish (MD_MBIM_PORT (source), result, &error);

  if (!response)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, response, (GDestroyNotify)mbim_message_unref);
}

void
md_mbim_modem_command (MdModem *modem, MbimMessage *request, guint timeout_s, GCancellable *cancellable,
                       GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (modem, cancellable, callback, user_data);
  MdMbimModemData *mbim = md_mbim_modem_data (modem);
  MdMbimPort *port = control_port (modem);
  MbimMessage *response;

  /* The request is ours to free either way. */
  if (mbim && mbim->reply) {
    response = mbim->reply (request, mbim->reply_data);
    if (response)
      g_task_return_pointer (task, response, (GDestroyNotify)mbim_message_unref);
    else
      g_task_return_new_error (task, MD_SERIAL_ERROR, MD_SERIAL_ERROR_RESPONSE_TIMEOUT, "No MBIM answer");
  } else if (!port || !md_mbim_port_is_open (port))
    g_task_return_new_error (task, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "The MBIM port is not open");
  else
    md_mbim_port_command (port, request, timeout_s, cancellable, command_ready, g_steal_pointer (&task));
  mbim_message_unref (request);
}

static const char *
message_what (MbimMessage *message)
{
  return md_mbim_cid_name (mbim_message_command_done_get_service (message),
                           mbim_message_command_done_get_cid (message));
}

MbimMessage *
md_mbim_modem_command_finish_with_status (MdModem *modem, GAsyncResult *result, GError **error)
{
  MbimMessage *response = g_task_propagate_pointer (G_TASK (result), error);
  MbimStatusError status;

  if (!response)
    return NULL;
  status = mbim_message_command_done_get_status_code (response);
  if (status != MBIM_STATUS_ERROR_NONE)
    g_propagate_error (error, md_mbim_status_error (status, message_what (response)));
  return response;
}

MbimMessage *
md_mbim_modem_command_finish (MdModem *modem, GAsyncResult *result, GError **error)
{
  GError *status_error = NULL;
  MbimMessage *response = md_mbim_modem_command_finish_with_status (modem, result, &status_error);

  if (status_error) {
    g_clear_pointer (&response, mbim_message_unref);
    g_propagate_error (error, status_error);
  }
  return response;
}

/* Device Caps' FirmwareInfo names the running firmware (init's identity);
 * Basic Connect lists no other images. */
const MdModemFirmwareOps md_mbim_firmware_ops = {
  .load_images = NULL,
};

const MdModemOps md_mbim_modem_ops = {
  .init = &md_mbim_init_ops,
  .sim = &md_mbim_sim_ops,
  .power = &md_mbim_power_ops,
  .netreg = &md_mbim_netreg_ops,
  .bearer = &md_mbim_bearer_ops,
  .signal = &md_mbim_signal_ops,
  .firmware = &md_mbim_firmware_ops,
  .profiles = &md_mbim_profile_ops,
  .location = &md_mbim_location_ops,
  .sms = &md_mbim_sms_ops,
  .bands = &md_mbim_bands_ops,
  .time = &md_mbim_time_ops,
  .ussd = &md_mbim_ussd_ops,
};
