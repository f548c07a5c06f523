/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Connection and network actions: --simple-connect (with modemctl's
 * --wait-registered), --simple-disconnect, --3gpp-scan, --3gpp-register-*. */
#include <stdio.h>

#include "mc-actions.h"
#include "mc-nicks.h"
#include "md-enums.h"

gboolean mc_run_modem_simple (McContext *ctx, MdDbusObject *object, GError **error);
gboolean mc_run_modem_3gpp (McContext *ctx, MdDbusObject *object, GError **error);

typedef struct {
  GMainLoop *loop;
  const char *path; /* the modem waited for */
  gboolean timed_out;
  gboolean vanished;
} Wait;

static gboolean
registered (MdDbusModem *modem)
{
  return md_dbus_modem_get_state (modem) >= MD_MODEM_STATE_REGISTERED;
}

static void
on_state (GObject *modem, GParamSpec *pspec, gpointer user_data)
{
  Wait *wait = user_data;

  if (registered (MD_DBUS_MODEM (modem)))
    g_main_loop_quit (wait->loop);
}

/* The modem went away (unplugged, or the daemon stopped): no use waiting. */
static void
on_removed (GDBusObjectManager *manager, GDBusObject *object, gpointer user_data)
{
  Wait *wait = user_data;

  if (g_strcmp0 (g_dbus_object_get_object_path (object), wait->path) == 0) {
    wait->vanished = TRUE;
    g_main_loop_quit (wait->loop);
  }
}

static gboolean
on_wait_timeout (gpointer user_data)
{
  Wait *wait = user_data;

  wait->timed_out = TRUE;
  g_main_loop_quit (wait->loop);
  return G_SOURCE_REMOVE;
}

/* Waits on the modem's State changes (no polling), bounded by seconds;
 * fails at once when the modem vanishes. */
static gboolean
wait_registered (McContext *ctx, MdDbusObject *object, guint seconds, GError **error)
{
  g_autoptr (MdDbusModem) modem = md_dbus_object_get_modem (object);
  Wait wait = { 0 };
  gulong handler, removed;
  guint timer;

  if (registered (modem))
    return TRUE;
  /* On stderr, so that -K / -J output stays as mmcli's. */
  fprintf (stderr, "waiting up to %u seconds for the modem to register\n", seconds);
  fflush (stderr);
  wait.loop = g_main_loop_new (NULL, FALSE);
  wait.path = g_dbus_object_get_object_path (G_DBUS_OBJECT (object));
  handler = g_signal_connect (modem, "notify::state", G_CALLBACK (on_state), &wait);
  removed = g_signal_connect (ctx->manager, "object-removed", G_CALLBACK (on_removed), &wait);
  timer = g_timeout_add_seconds (seconds, on_wait_timeout, &wait);
  g_main_loop_run (wait.loop);
  g_signal_handler_disconnect (modem, handler);
  g_signal_handler_disconnect (ctx->manager, removed);
  if (!wait.timed_out)
    g_source_remove (timer);
  g_main_loop_unref (wait.loop);
  if (wait.vanished) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "modem vanished while waiting for registration");
    return FALSE;
  }
  if (wait.timed_out && !registered (modem)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "modem not registered after %u seconds", seconds);
    return FALSE;
  }
  return TRUE;
}

gboolean
mc_run_modem_simple (McContext *ctx, MdDbusObject *object, GError **error)
{
  const McOptions *o = ctx->opts;
  g_autoptr (MdDbusModemSimple) simple = md_dbus_object_get_modem_simple (object);
  g_autoptr (GError) err = NULL;

  if (o->simple_connect && o->simple_disconnect) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "too many Simple actions requested");
    return FALSE;
  }
  if (!simple) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "modem has no Simple capabilities");
    return FALSE;
  }
  if (o->simple_connect) {
    g_autofree char *bearer = NULL;
    GVariant *props = mc_connect_string_parse (o->simple_connect, MC_STRING_SIMPLE, &err);

    if (!props) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "couldn't parse connect string: '%s'",
                   err->message);
      return FALSE;
    }
    g_variant_ref_sink (props);
    if (o->wait_registered > 0) {
      if (!wait_registered (ctx, object, (guint)o->wait_registered, &err)) {
        g_variant_unref (props);
        return mc_fail (error, err, "couldn't connect the modem");
      }
    }
    if (!md_dbus_modem_simple_call_connect_sync (simple, props, G_DBUS_CALL_FLAGS_NONE, mc_timeout_ms (ctx),
                                                 &bearer, NULL, &err)) {
      g_variant_unref (props);
      return mc_fail (error, err, "couldn't connect the modem");
    }
    g_variant_unref (props);
    printf ("successfully connected the modem\n");
    return TRUE;
  }
  if (!md_dbus_modem_simple_call_disconnect_sync (simple, "/", G_DBUS_CALL_FLAGS_NONE, mc_timeout_ms (ctx),
                                                  NULL, &err))
    return mc_fail (error, err, "couldn't disconnect all bearers in the modem");
  printf ("successfully disconnected all bearers in the modem\n");
  return TRUE;
}

static char *
network_line (McContext *ctx, GVariant *network)
{
  const char *code = NULL, *name = NULL;
  guint32 tech = 0, status = 0;
  g_autofree char *techs = NULL;
  const char *availability;

  g_variant_lookup (network, "operator-code", "&s", &code);
  if (!g_variant_lookup (network, "operator-long", "&s", &name))
    g_variant_lookup (network, "operator-short", "&s", &name);
  g_variant_lookup (network, "access-technology", "u", &tech);
  g_variant_lookup (network, "status", "u", &status);
  techs = mc_flags_string (mc_nicks_MdModemAccessTechnology, tech);
  availability = mc_enum_nick (mc_nicks_MdModem3gppNetworkAvailability, status);
  if (ctx->out->type == MC_OUTPUT_HUMAN)
    return g_strdup_printf ("%s - %s (%s, %s)", code ? code : "code n/a", name ? name : "name n/a", techs,
                            availability);
  return g_strdup_printf ("operator-code: %s, operator-name: %s, access-technologies: %s, availability: %s",
                          code ? code : "--", name ? name : "--", techs, availability);
}

static gboolean
scan (McContext *ctx, MdDbusModemModem3gpp *gpp, GError **error)
{
  g_autoptr (GError) err = NULL;
  g_autoptr (GVariant) networks = NULL;
  g_autoptr (GPtrArray) lines = g_ptr_array_new ();

  if (!md_dbus_modem_modem3gpp_call_scan_sync (gpp, G_DBUS_CALL_FLAGS_NONE, mc_timeout_ms (ctx), &networks,
                                               NULL, &err))
    return mc_fail (error, err, "couldn't scan networks in the modem");
  /* mmcli lists the networks last first (its client library prepends
   * each one); scripts see the same order here. */
  for (gsize i = g_variant_n_children (networks); i > 0; i--) {
    g_autoptr (GVariant) network = g_variant_get_child_value (networks, i - 1);

    g_ptr_array_add (lines, network_line (ctx, network));
  }
  if (lines->len == 0 && ctx->out->type == MC_OUTPUT_HUMAN) {
    mc_output_string (ctx->out, MC_F_3GPP_SCAN_NETWORKS, "n/a");
  } else if (lines->len == 0) {
    mc_output_array (ctx->out, MC_F_3GPP_SCAN_NETWORKS, NULL, TRUE);
  } else {
    g_ptr_array_add (lines, NULL);
    mc_output_array_take (ctx->out, MC_F_3GPP_SCAN_NETWORKS,
                          (char **)g_ptr_array_free (g_steal_pointer (&lines), FALSE), TRUE);
  }
  mc_output_dump (ctx->out);
  return TRUE;
}

gboolean
mc_run_modem_3gpp (McContext *ctx, MdDbusObject *object, GError **error)
{
  const McOptions *o = ctx->opts;
  g_autoptr (MdDbusModemModem3gpp) gpp = md_dbus_object_get_modem_modem3gpp (object);
  g_autoptr (GError) err = NULL;

  if (!!o->scan + !!o->register_home + !!o->register_in_operator > 1) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "too many 3GPP actions requested");
    return FALSE;
  }
  if (!gpp) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "modem has no 3GPP capabilities");
    return FALSE;
  }
  if (o->scan)
    return scan (ctx, gpp, error);
  if (!md_dbus_modem_modem3gpp_call_register_sync (gpp,
                                                   o->register_in_operator ? o->register_in_operator : "",
                                                   G_DBUS_CALL_FLAGS_NONE, mc_timeout_ms (ctx), NULL, &err))
    return mc_fail (error, err, "couldn't register the modem");
  printf ("successfully registered the modem\n");
  return TRUE;
}
