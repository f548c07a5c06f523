/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Building an MBIM modem from probed ports, and the one request helper every
 * MBIM op uses. */
#include "md-mbim-modem-private.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-mbim-ops.h"

static void
md_mbim_modem_data_free (gpointer data)
{
  MdMbimModemData *mbim = data;

  md_mbim_delete_created_links (mbim);
  g_clear_pointer (&mbim->links, md_net_links_unref);
  if (mbim->port)
    md_mbim_port_close (mbim->port);
  g_clear_object (&mbim->port);
  for (guint i = 0; i < mbim->at->len; i++)
    md_at_port_close (g_ptr_array_index (mbim->at, i));
  g_ptr_array_unref (mbim->at);
  g_free (mbim);
}

MdMbimModemData *
md_mbim_modem_data (MdModem *modem)
{
  return md_modem_get_protocol_data (modem);
}

/* --- building ------------------------------------------------------------- */

static void
port_closed (GObject *port, GError *error, gpointer user_data)
{
  MdModem *modem = user_data;

  md_log_info (md_modem_get_log_name (modem), "control port closed: %s", error ? error->message : "unknown");
  md_modem_vanished (modem);
}

static void
port_indication (MdMbimPort *port, MbimMessage *message, gpointer user_data)
{
  md_mbim_dispatch_indication (MD_MODEM (user_data), message);
}

MdModem *
md_mbim_modem_build (guint modem_id, const char *plugin_name, const MdPluginDevice *device,
                     const MdPluginSettings *settings, const MdModemOps *ops, GPtrArray *probed)
{
  MdModem *modem = md_modem_new (modem_id, device->uid, plugin_name, device->drivers, ops);
  MdMbimModemData *mbim = g_new0 (MdMbimModemData, 1);
  const char *primary_name = NULL;

  mbim->at = g_ptr_array_new_with_free_func (g_object_unref);
  mbim->max_sessions = 1;
  /* Each modem has its own links object, which remembers what it created. */
  mbim->links = settings->fake_net_links ? md_net_links_new_fake () : md_net_links_new_rtnetlink ();
  for (guint i = 0; i < probed->len; i++) {
    MdProbedPort *port = g_ptr_array_index (probed, i);

    md_modem_add_port (modem, port->name, port->type);
    /* In test mode the profile's interfaces are the fake kernel's. */
    if (port->type == MD_MODEM_PORT_TYPE_NET && md_net_links_is_fake (mbim->links))
      md_net_links_fake_add_parent (mbim->links, port->name);
    if (port->mbim && !mbim->port) {
      mbim->port = g_steal_pointer (&port->mbim);
      primary_name = port->name;
    }
    if (port->at) {
      g_signal_connect_object (port->at, "closed", G_CALLBACK (port_closed), modem, 0);
      g_ptr_array_add (mbim->at, g_steal_pointer (&port->at));
    }
  }
  g_signal_connect_object (mbim->port, "closed", G_CALLBACK (port_closed), modem, 0);
  g_signal_connect_object (mbim->port, "indication", G_CALLBACK (port_indication), modem, 0);
  md_modem_set_primary_port (modem, primary_name);
  md_modem_set_protocol_data (modem, mbim, md_mbim_modem_data_free);
  return modem;
}

MdModem *
md_mbim_modem_new_with_replies (guint modem_id, const MdModemOps *ops, const char *net, MdMbimReplyFn reply,
                                gpointer user_data)
{
  const char *const drivers[] = { "cdc_mbim", NULL };
  MdModem *modem = md_modem_new (modem_id, "replies", "mbim", drivers, ops);
  MdMbimModemData *mbim = g_new0 (MdMbimModemData, 1);

  mbim->at = g_ptr_array_new_with_free_func (g_object_unref);
  mbim->max_sessions = 1;
  mbim->links = md_net_links_new_fake ();
  md_net_links_fake_add_parent (mbim->links, net);
  mbim->reply = reply;
  mbim->reply_data = user_data;
  md_modem_add_port (modem, net, MD_MODEM_PORT_TYPE_NET);
  md_modem_set_protocol_data (modem, mbim, md_mbim_modem_data_free);
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
  MbimMessage *response;

  /* The request is ours to free either way. */
  if (mbim && !mbim->port && mbim->reply) {
    response = mbim->reply (request, mbim->reply_data);
    if (response)
      g_task_return_pointer (task, response, (GDestroyNotify)mbim_message_unref);
    else
      g_task_return_new_error (task, MD_SERIAL_ERROR, MD_SERIAL_ERROR_RESPONSE_TIMEOUT, "No MBIM answer");
  } else if (!mbim || !mbim->port || !md_mbim_port_is_open (mbim->port))
    g_task_return_new_error (task, MD_SERIAL_ERROR, MD_SERIAL_ERROR_NOT_OPEN, "The MBIM port is not open");
  else
    md_mbim_port_command (mbim->port, request, timeout_s, cancellable, command_ready,
                          g_steal_pointer (&task));
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
