/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Building an AT modem from probed ports (held in the modem by role), and
 * the modem's AT control port, which every AT op runs its commands on and
 * a plugin may watch for its vendor's reports. */
#include "md-at-modem.h"

#include "md-errors.h"
#include "md-log.h"

static MdAtPort *
open_at_port (MdModem *modem, MdPortRole role)
{
  MdPort *port = md_modem_get_port (modem, role);

  return port && md_at_port_is_open (MD_AT_PORT (port)) ? MD_AT_PORT (port) : NULL;
}

MdAtPort *
md_at_modem_control_port (MdModem *modem, GError **error)
{
  MdAtPort *port = open_at_port (modem, MD_PORT_ROLE_AT_PRIMARY);

  if (!port && !md_modem_get_port (modem, MD_PORT_ROLE_AT_PRIMARY))
    port = open_at_port (modem, MD_PORT_ROLE_AT_SECONDARY);
  if (port)
    return port;
  g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "%s",
               md_modem_get_port (modem, MD_PORT_ROLE_AT_PRIMARY)
                   || md_modem_get_port (modem, MD_PORT_ROLE_AT_SECONDARY)
                 ? "the AT control port is closed"
                 : "no port answered AT commands");
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
  MdAtPort *port = md_at_modem_control_port (modem, &error);

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

typedef struct {
  GWeakRef modem;
  MdAtModemReportFn fn;
} ReportWatch;

static void
report_watch_free (gpointer data)
{
  ReportWatch *watch = data;

  g_weak_ref_clear (&watch->modem);
  g_free (watch);
}

static void
report_seen (MdAtPort *port, const char *line, gpointer user_data)
{
  ReportWatch *watch = user_data;
  g_autoptr (MdModem) modem = g_weak_ref_get (&watch->modem);

  if (modem && !md_modem_has_vanished (modem))
    watch->fn (modem, line);
}

gboolean
md_at_modem_watch_reports (MdModem *modem, const char *prefix, MdAtModemReportFn fn, GError **error)
{
  MdAtPort *port = md_at_modem_control_port (modem, error);
  ReportWatch *watch;

  if (!port)
    return FALSE;
  watch = g_new0 (ReportWatch, 1);
  g_weak_ref_init (&watch->modem, modem);
  watch->fn = fn;
  md_at_port_add_unsolicited_handler (port, prefix, report_seen, watch, report_watch_free);
  return TRUE;
}

/* --- creation ------------------------------------------------------------ */

static gboolean
is_at_port (MdProbedPort *port)
{
  return port->port && md_port_get_kind (port->port) == MD_MODEM_PORT_TYPE_AT;
}

void
md_at_modem_hold_ports (MdModem *modem, const MdPluginDevice *device, MdPortRole role)
{
  for (guint i = 0; i < device->ports->len; i++) {
    MdProbedPort *port = g_ptr_array_index (device->ports, i);
    g_autoptr (MdPort) held = NULL;

    if (!is_at_port (port))
      continue;
    held = g_steal_pointer (&port->port);
    md_modem_hold_port (modem, held, port->type == MD_MODEM_PORT_TYPE_AT ? role : MD_PORT_ROLE_WATCHED);
  }
}

/* The AT port a udev rule named primary, else the first that answered. */
static MdProbedPort *
choose_primary (GPtrArray *probed)
{
  MdProbedPort *primary = NULL;

  for (guint i = 0; i < probed->len; i++) {
    MdProbedPort *port = g_ptr_array_index (probed, i);

    if (is_at_port (port) && port->type == MD_MODEM_PORT_TYPE_AT && (!primary || port->at_primary))
      primary = port;
  }
  return primary;
}

MdModem *
md_at_modem_build (guint modem_id, const char *plugin_name, const MdPluginDevice *device,
                   const MdModemOps *ops)
{
  GPtrArray *probed = device->ports;
  MdModem *modem = md_modem_new (modem_id, device->uid, plugin_name, device->drivers, ops);
  MdProbedPort *primary = choose_primary (probed);
  const char *primary_name = ((MdProbedPort *)g_ptr_array_index (probed, 0))->name;
  g_autoptr (MdPort) primary_port = NULL;

  for (guint i = 0; i < probed->len; i++) {
    MdProbedPort *port = g_ptr_array_index (probed, i);

    md_modem_add_port (modem, port->name, port->type);
  }
  if (primary) {
    primary_port = g_steal_pointer (&primary->port);
    primary_name = primary->name;
    md_modem_hold_port (modem, primary_port, MD_PORT_ROLE_AT_PRIMARY);
  }
  md_at_modem_hold_ports (modem, device, MD_PORT_ROLE_AT_SECONDARY);
  /* The published name: a discovered port's kernel name, whatever path it
   * was opened by. */
  md_modem_set_primary_port (modem, primary_name);
  return modem;
}
