/* SPDX-License-Identifier: GPL-2.0-or-later */
/* An AT port that joins a modem after it was built (a second tty, a wwan AT
 * port): probed alone as discovery's candidates are, then held as a
 * secondary AT port and listed; a port that stays silent is left out and
 * its claim released. A late QMI port is opened and handed to the modem's
 * plugin (a data path of a QMI modem); it stays listed either way. */
#include "manager-private.h"

#include "md-errors.h"
#include "md-log.h"

typedef struct {
  MdManager *manager;
  guint modem_id;
  char *uid;
  char *name;
  char *path;
  gboolean qmi; /* opening a QMI port for the plugin, not probing for AT */
} LateProbe;

static void
late_probe_free (LateProbe *probe)
{
  g_free (probe->uid);
  g_free (probe->name);
  g_free (probe->path);
  g_free (probe);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LateProbe, late_probe_free)

/* The modem the probe was started for, if it is still there. */
static MdModem *
late_probe_modem (LateProbe *probe)
{
  MdModem *modem = md_manager_lookup_modem (probe->manager, probe->modem_id);

  return modem && !md_modem_has_vanished (modem) ? modem : NULL;
}

static void
late_probe_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LateProbe) probe = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) probed = md_ports_probe_finish (result, &error);
  MdProbedPort *port = probed && probed->len ? g_ptr_array_index (probed, 0) : NULL;
  g_autofree char *primary = NULL;
  g_autoptr (MdPort) held = NULL;
  MdModem *modem;

  /* Cancelled: the device entry (and maybe the manager) is gone. */
  if (g_error_matches (error, MD_CORE_ERROR, MD_CORE_ERROR_CANCELLED)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  modem = late_probe_modem (probe);
  if (probe->qmi) {
    const MdPlugin *plugin = modem ? md_plugin_find (md_modem_get_plugin (modem)) : NULL;

    if (!port || port->type != MD_MODEM_PORT_TYPE_QMI || !port->port)
      md_log_info (modem ? md_modem_get_log_name (modem) : NULL, "late QMI port %s not opened: %s",
                   probe->name, error ? error->message : "its modem is gone");
    else if (!plugin || !plugin->join_port || !plugin->join_port (modem, port))
      md_log_info (md_modem_get_log_name (modem), "late QMI port %s: listed only", probe->name);
    return;
  }
  if (!modem || !port || port->type != MD_MODEM_PORT_TYPE_AT || !port->port) {
    md_log_info (modem ? md_modem_get_log_name (modem) : NULL, "late port %s left out: %s", probe->name,
                 error   ? error->message
                 : modem ? "it did not answer AT"
                         : "its modem is gone");
    md_manager_release_port (probe->manager, probe->uid, probe->path);
    return;
  }
  held = g_steal_pointer (&port->port);
  md_modem_hold_port (modem, held, MD_PORT_ROLE_AT_SECONDARY);
  /* Listed as AT; the primary port stays what it was. */
  primary = g_strdup (md_modem_get_primary_port (modem));
  md_modem_add_port (modem, probe->name, MD_MODEM_PORT_TYPE_AT);
  if (primary)
    md_modem_set_primary_port (modem, primary);
  md_log_info (md_modem_get_log_name (modem), "late port %s answered AT: a secondary AT port", probe->name);
}

void
md_manager_probe_late_port (MdManager *self, MdModem *modem, const MdPortToProbe *port,
                            GCancellable *cancellable)
{
  LateProbe *probe = g_new0 (LateProbe, 1);
  MdPortToProbe to_probe = *port;

  /* Probed as a candidate: a typed AT port that stays silent is left out
   * too, not the end of the modem. */
  to_probe.candidate = TRUE;
  probe->manager = self;
  probe->modem_id = md_modem_get_id (modem);
  probe->uid = g_strdup (md_modem_get_uid (modem));
  probe->name = g_strdup (port->name);
  probe->path = g_strdup (port->device);
  md_log_info (md_modem_get_log_name (modem), "late port %s: probing for AT", port->name);
  md_ports_probe_async (&to_probe, 1, &self->config->plugins, cancellable, late_probe_ready, probe);
}

void
md_manager_open_late_qmi_port (MdManager *self, MdModem *modem, const MdPortToProbe *port, gboolean no_proxy,
                               GCancellable *cancellable)
{
  LateProbe *probe = g_new0 (LateProbe, 1);
  MdPluginSettings settings = md_manager_plugin_settings (self, no_proxy);

  probe->manager = self;
  probe->modem_id = md_modem_get_id (modem);
  probe->uid = g_strdup (md_modem_get_uid (modem));
  probe->name = g_strdup (port->name);
  probe->path = g_strdup (port->device);
  probe->qmi = TRUE;
  md_log_info (md_modem_get_log_name (modem), "late port %s: opening as QMI", port->name);
  md_ports_probe_async (port, 1, &settings, cancellable, late_probe_ready, probe);
}
