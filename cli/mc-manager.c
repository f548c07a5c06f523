/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Manager commands: -L (list modems), -M (list, then follow additions and
 * removals in mmcli's "(+)"/"(-)" lines) and --report-kernel-event. */
#include <glib-unix.h>
#include <stdio.h>

#include "mc-actions.h"
#include "mc-lookup.h"

static void
modem_item (McContext *ctx, GDBusObject *object, const char *prefix)
{
  g_autoptr (MdDbusModem) modem = md_dbus_object_get_modem (MD_DBUS_OBJECT (object));
  const char *manufacturer, *model;
  g_autofree char *extra = NULL;

  if (!modem)
    return;
  manufacturer = md_dbus_modem_get_manufacturer (modem);
  model = md_dbus_modem_get_model (modem);
  extra = g_strdup_printf ("[%s] %s", manufacturer && manufacturer[0] ? manufacturer : "manufacturer unknown",
                           model && model[0] ? model : "model unknown");
  mc_output_listitem (ctx->out, MC_F_MODEM_LIST, prefix, g_dbus_object_get_object_path (object), extra);
}

static void
list_modems (McContext *ctx)
{
  /* mmcli lists modems in the reverse of the object manager's order (it
   * stacks its list items); scripts that take the first line see the same
   * modem here. */
  GList *modems = g_list_reverse (mc_modem_objects (ctx));

  for (GList *l = modems; l; l = l->next)
    modem_item (ctx, l->data, "    ");
  g_list_free_full (modems, g_object_unref);
  mc_output_dump_list (ctx->out, MC_F_MODEM_LIST);
}

static void
on_added (GDBusObjectManager *manager, GDBusObject *object, gpointer user_data)
{
  McContext *ctx = user_data;

  modem_item (ctx, object, "(+) ");
  mc_output_dump_list (ctx->out, MC_F_MODEM_LIST);
}

static void
on_removed (GDBusObjectManager *manager, GDBusObject *object, gpointer user_data)
{
  McContext *ctx = user_data;

  modem_item (ctx, object, "(-) ");
  mc_output_dump_list (ctx->out, MC_F_MODEM_LIST);
}

static gboolean
on_quit_signal (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_CONTINUE;
}

static gboolean
monitor_modems (McContext *ctx, GError **error)
{
  g_autoptr (GMainLoop) loop = NULL;
  guint sigint, sigterm;

  /* mmcli follows modems in its human output only (the message names
   * key-value output for -J too). */
  if (ctx->out->type != MC_OUTPUT_HUMAN) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 "modem monitoring not available in keyvalue output");
    return FALSE;
  }
  list_modems (ctx);
  loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (ctx->manager, "object-added", G_CALLBACK (on_added), ctx);
  g_signal_connect (ctx->manager, "object-removed", G_CALLBACK (on_removed), ctx);
  sigint = g_unix_signal_add (SIGINT, on_quit_signal, loop);
  sigterm = g_unix_signal_add (SIGTERM, on_quit_signal, loop);
  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_signal_handlers_disconnect_by_data (ctx->manager, ctx);
  return TRUE;
}

static gboolean
report_kernel_event (McContext *ctx, GError **error)
{
  g_autoptr (GError) err = NULL;
  g_autoptr (MdDbusManager) manager = NULL;
  GVariant *props = mc_connect_string_parse (ctx->opts->report_kernel_event, MC_STRING_KERNEL_EVENT, &err);

  if (!props) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "cannot parse properties string: '%s'",
                 err->message);
    return FALSE;
  }
  g_variant_ref_sink (props);
  manager = md_dbus_manager_proxy_new_sync (ctx->connection, G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES,
                                            MC_BUS_NAME, MC_ROOT_PATH, NULL, &err);
  if (!manager
      || !md_dbus_manager_call_report_kernel_event_sync (manager, props, G_DBUS_CALL_FLAGS_NONE,
                                                         mc_timeout_ms (ctx), NULL, &err)) {
    g_variant_unref (props);
    return mc_fail (error, err, "couldn't report kernel event");
  }
  g_variant_unref (props);
  printf ("successfully reported kernel event\n");
  return TRUE;
}

gboolean
mc_run_manager (McContext *ctx, GError **error)
{
  const McOptions *o = ctx->opts;

  if (!!o->list_modems + !!o->monitor_modems + !!o->report_kernel_event > 1) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "too many manager actions requested");
    return FALSE;
  }
  if (o->report_kernel_event)
    return report_kernel_event (ctx, error);
  if (o->monitor_modems)
    return monitor_modems (ctx, error);
  list_modems (ctx);
  return TRUE;
}
