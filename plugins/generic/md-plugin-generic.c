/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The generic plugin: any modem without a vendor plugin. Its ports are
 * probed; a modem with an MBIM port is driven with MBIM Basic Connect
 * (plugins/mbim), its AT ports kept as secondary ports; otherwise with the
 * standard 3GPP AT command set (plugins/at). */
#include "md-plugin-generic.h"

#include "md-at-ops.h"
#include "md-mbim-ops.h"

static const char *const generic_subsystems[] = { "tty", "usbmisc", "wwan", "net", NULL };

typedef struct {
  guint modem_id;
  char *uid;
  GStrv drivers;
} GenericContext;

static void
generic_context_free (gpointer data)
{
  GenericContext *ctx = data;

  g_free (ctx->uid);
  g_strfreev (ctx->drivers);
  g_free (ctx);
}

static void
probe_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GenericContext *ctx = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (GPtrArray) probed = md_ports_probe_finish (result, &error);
  MdPluginDevice device = { .uid = ctx->uid, .drivers = (const char *const *)ctx->drivers };
  MdModem *modem;

  if (!probed) {
    g_task_return_error (task, error);
    return;
  }
  if (md_probed_ports_find (probed, MD_MODEM_PORT_TYPE_MBIM))
    modem = md_mbim_modem_build (ctx->modem_id, md_plugin_generic.name, &device, &md_mbim_modem_ops, probed);
  else
    modem = md_at_modem_build (ctx->modem_id, md_plugin_generic.name, &device, &md_at_modem_ops, probed);
  g_task_return_pointer (task, modem, g_object_unref);
}

static void
generic_create_async (guint modem_id, const MdPluginDevice *device, GCancellable *cancellable,
                      GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  GenericContext *ctx = g_new0 (GenericContext, 1);

  ctx->modem_id = modem_id;
  ctx->uid = g_strdup (device->uid);
  ctx->drivers = g_strdupv ((char **)device->drivers);
  g_task_set_task_data (task, ctx, generic_context_free);
  md_ports_probe_async (device->ports, cancellable, probe_ready, task);
}

static MdModem *
generic_create_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

const MdPlugin md_plugin_generic = {
  .name = "generic",
  .match = { .subsystems = generic_subsystems },
  .create_async = generic_create_async,
  .create_finish = generic_create_finish,
};
