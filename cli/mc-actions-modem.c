/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Modem actions (-m with -e, -d, power, bearers, modes, bands) and the
 * modem view; each is one method call on a generated proxy, reported in
 * mmcli's words. */
#include <stdio.h>

#include "mc-actions.h"
#include "mc-lookup.h"
#include "mc-nicks.h"
#include "mc-show.h"
#include "md-enums.h"

gboolean mc_run_modem_simple (McContext *ctx, MdDbusObject *object, GError **error);
gboolean mc_run_modem_3gpp (McContext *ctx, MdDbusObject *object, GError **error);
gboolean mc_run_modem_extras (McContext *ctx, MdDbusObject *object, GError **error);
gboolean mc_modem_extras_requested (const McOptions *o);

gboolean
mc_fail (GError **error, GError *cause, const char *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: '%s'", what,
               cause ? cause->message : "unknown error");
  return FALSE;
}

gint
mc_timeout_ms (const McContext *ctx)
{
  gint seconds = ctx->opts->timeout;

  if (seconds < 0)
    return -1;
  return seconds > G_MAXINT / 1000 ? G_MAXINT : seconds * 1000;
}

/* Nicks joined by '|' (case ignored); an empty text is no flag, as in
 * mmcli. */
static gboolean
parse_mask (const McNick *nicks, const char *text, guint32 *mask)
{
  g_auto (GStrv) words = g_strsplit (text, "|", -1);

  *mask = 0;
  for (guint i = 0; words[i]; i++) {
    guint32 v;

    if (!mc_enum_parse (nicks, words[i], &v))
      return FALSE;
    *mask |= v;
  }
  return TRUE;
}

static gboolean
set_modes (McContext *ctx, MdDbusModem *modem, GError **error)
{
  const McOptions *o = ctx->opts;
  g_autoptr (GError) err = NULL;
  guint32 allowed = 0, preferred = MD_MODEM_MODE_NONE;

  if (!o->allowed_modes) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 "setting preferred mode requires list of allowed modes");
    return FALSE;
  }
  if (!parse_mask (mc_nicks_MdModemMode, o->allowed_modes, &allowed)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "couldn't parse list of allowed modes: '%s'",
                 o->allowed_modes);
    return FALSE;
  }
  if (o->preferred_mode && !parse_mask (mc_nicks_MdModemMode, o->preferred_mode, &preferred)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "couldn't parse preferred mode: '%s'",
                 o->preferred_mode);
    return FALSE;
  }
  if (!md_dbus_modem_call_set_current_modes_sync (modem, g_variant_new ("(uu)", allowed, preferred),
                                                  G_DBUS_CALL_FLAGS_NONE, mc_timeout_ms (ctx), NULL, &err))
    return mc_fail (error, err, "couldn't set current modes");
  printf ("successfully set current modes in the modem\n");
  return TRUE;
}

static gboolean
set_bands (McContext *ctx, MdDbusModem *modem, GError **error)
{
  g_auto (GStrv) words = g_strsplit (ctx->opts->current_bands, "|", -1);
  g_auto (GVariantBuilder) bands = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("au"));
  g_autoptr (GError) err = NULL;

  for (guint i = 0; words[i]; i++) {
    guint32 band;

    if (!mc_enum_parse (mc_nicks_MdModemBand, words[i], &band)) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "couldn't parse list of bands: '%s'",
                   ctx->opts->current_bands);
      return FALSE;
    }
    g_variant_builder_add (&bands, "u", band);
  }
  if (!md_dbus_modem_call_set_current_bands_sync (modem, g_variant_builder_end (&bands),
                                                  G_DBUS_CALL_FLAGS_NONE, mc_timeout_ms (ctx), NULL, &err))
    return mc_fail (error, err, "couldn't set current bands");
  printf ("successfully set current bands in the modem\n");
  return TRUE;
}

static gboolean
create_bearer (McContext *ctx, MdDbusModem *modem, GError **error)
{
  g_autoptr (GError) err = NULL;
  g_autofree char *path = NULL;
  GVariant *props = mc_connect_string_parse (ctx->opts->create_bearer, MC_STRING_BEARER, &err);

  if (!props) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "couldn't create new bearer: '%s'",
                 err->message);
    return FALSE;
  }
  if (!md_dbus_modem_call_create_bearer_sync (modem, props, G_DBUS_CALL_FLAGS_NONE, mc_timeout_ms (ctx),
                                              &path, NULL, &err))
    return mc_fail (error, err, "couldn't create new bearer");
  printf ("Successfully created new bearer in modem:\n\t%s\n", path);
  return TRUE;
}

static gboolean
delete_bearer (McContext *ctx, MdDbusModem *modem, GError **error)
{
  g_autoptr (GError) err = NULL;
  g_autofree char *path = mc_object_path (ctx->opts->delete_bearer, "bearer", MC_BEARER_PREFIX, error);

  if (!path)
    return FALSE;
  /* As mmcli: only a bearer of this modem is asked for. */
  if (!md_dbus_modem_get_bearers (modem) || !g_strv_contains (md_dbus_modem_get_bearers (modem), path)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 "couldn't find bearer at '%s': 'not found in any modem'", path);
    return FALSE;
  }
  if (!md_dbus_modem_call_delete_bearer_sync (modem, path, G_DBUS_CALL_FLAGS_NONE, mc_timeout_ms (ctx), NULL,
                                              &err))
    return mc_fail (error, err, "couldn't delete bearer");
  printf ("successfully deleted bearer from modem\n");
  return TRUE;
}

static guint
count_modem_actions (const McOptions *o)
{
  return !!o->enable + !!o->disable + !!o->power_low + !!o->power_on + !!o->create_bearer + !!o->delete_bearer
         + !!(o->allowed_modes || o->preferred_mode) + !!o->current_bands;
}

gboolean
mc_run_modem (McContext *ctx, GError **error)
{
  const McOptions *o = ctx->opts;
  g_autoptr (MdDbusObject) object = NULL;
  g_autoptr (MdDbusModem) modem = NULL;
  g_autoptr (GError) err = NULL;

  if (count_modem_actions (o) > 1) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "too many modem actions requested");
    return FALSE;
  }
  object = mc_lookup_modem (ctx, o->modem, error);
  if (!object)
    return FALSE;
  modem = md_dbus_object_get_modem (object);
  if (o->simple_connect || o->simple_disconnect)
    return mc_run_modem_simple (ctx, object, error);
  if (o->scan || o->register_home || o->register_in_operator)
    return mc_run_modem_3gpp (ctx, object, error);
  if (mc_modem_extras_requested (o))
    return mc_run_modem_extras (ctx, object, error);
  if (o->enable || o->disable) {
    if (!md_dbus_modem_call_enable_sync (modem, o->enable, G_DBUS_CALL_FLAGS_NONE, mc_timeout_ms (ctx), NULL,
                                         &err))
      return mc_fail (error, err, o->enable ? "couldn't enable the modem" : "couldn't disable the modem");
    printf ("successfully %s the modem\n", o->enable ? "enabled" : "disabled");
    return TRUE;
  }
  if (o->power_low || o->power_on) {
    if (!md_dbus_modem_call_set_power_state_sync (
          modem, o->power_on ? MD_MODEM_POWER_STATE_ON : MD_MODEM_POWER_STATE_LOW, G_DBUS_CALL_FLAGS_NONE,
          mc_timeout_ms (ctx), NULL, &err))
      return mc_fail (error, err, "couldn't set new power state in the modem");
    printf ("successfully set new power state in the modem\n");
    return TRUE;
  }
  if (o->create_bearer)
    return create_bearer (ctx, modem, error);
  if (o->delete_bearer)
    return delete_bearer (ctx, modem, error);
  if (o->allowed_modes || o->preferred_mode)
    return set_modes (ctx, modem, error);
  if (o->current_bands)
    return set_bands (ctx, modem, error);
  mc_show_modem (ctx, object);
  mc_output_dump (ctx->out);
  return TRUE;
}
