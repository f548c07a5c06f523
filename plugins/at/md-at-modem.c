/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Building an AT modem: open every port, probe it with AT, keep the ones
 * that answer, and watch them so a vanished device removes the modem. */
#include "md-at-modem.h"

#include "md-errors.h"
#include "md-log.h"

static void
md_at_modem_data_free (gpointer data)
{
  MdAtModemData *at = data;

  for (guint i = 0; i < at->ports->len; i++)
    md_at_port_close (g_ptr_array_index (at->ports, i));
  g_ptr_array_unref (at->ports);
  g_free (at->no_answer);
  g_free (at);
}

MdAtModemData *
md_at_modem_data (MdModem *modem)
{
  return md_modem_get_protocol_data (modem);
}

MdAtPort *
md_at_modem_primary (MdModem *modem, GError **error)
{
  MdAtModemData *at = md_at_modem_data (modem);

  if (at && at->primary && md_at_port_is_open (at->primary))
    return at->primary;
  g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "%s",
               at && at->no_answer ? at->no_answer : "no AT control port available");
  return NULL;
}

static void
command_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  char *response = md_at_port_command_finish (MD_AT_PORT (source), result, &error);

  if (!response)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, response, g_free);
}

void
md_at_modem_command (MdModem *modem, const char *command, guint timeout_ms, GCancellable *cancellable,
                     GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (modem, cancellable, callback, user_data);
  GError *error = NULL;
  MdAtPort *port = md_at_modem_primary (modem, &error);

  if (!port) {
    g_task_return_error (task, error);
    return;
  }
  md_at_port_command (port, command, timeout_ms, cancellable, command_ready, g_steal_pointer (&task));
}

char *
md_at_modem_command_finish (MdModem *modem, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- creation ------------------------------------------------------------ */

static void
port_closed (MdAtPort *port, GError *error, gpointer user_data)
{
  MdModem *modem = user_data;

  md_log_info (md_modem_get_log_name (modem), "port %s closed: %s", md_at_port_get_name (port),
               error ? error->message : "unknown reason");
  md_modem_vanished (modem);
}

void
md_at_modem_watch_port (MdModem *modem, MdAtPort *port)
{
  g_signal_connect_object (port, "closed", G_CALLBACK (port_closed), modem, 0);
}

MdModem *
md_at_modem_build (guint modem_id, const char *plugin_name, const MdPluginDevice *device,
                   const MdModemOps *ops, GPtrArray *probed)
{
  MdModem *modem = md_modem_new (modem_id, device->uid, plugin_name, device->drivers, ops);
  MdAtModemData *at = g_new0 (MdAtModemData, 1);
  const char *primary_name = ((MdProbedPort *)g_ptr_array_index (probed, 0))->name;

  at->ports = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < probed->len; i++) {
    MdProbedPort *port = g_ptr_array_index (probed, i);

    md_modem_add_port (modem, port->name, port->type);
    if (!port->at)
      continue;
    md_at_modem_watch_port (modem, port->at);
    /* The first AT port that answered, unless a udev rule named another. */
    if (port->type == MD_MODEM_PORT_TYPE_AT && (!at->primary || port->at_primary)) {
      at->primary = port->at;
      primary_name = port->name;
    }
    g_ptr_array_add (at->ports, g_steal_pointer (&port->at));
  }
  if (!at->primary)
    at->no_answer = g_strdup ("no port answered AT commands");
  /* The published name: a discovered port's kernel name, whatever path it
   * was opened by. */
  md_modem_set_primary_port (modem, primary_name);
  md_modem_set_protocol_data (modem, at, md_at_modem_data_free);
  return modem;
}
