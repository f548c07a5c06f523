/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SIM (-i: view, PIN actions), bearer (-b) and SMS (-s: view, --send)
 * commands. */
#include <stdio.h>

#include "mc-actions.h"
#include "mc-lookup.h"
#include "mc-show.h"

gboolean
mc_run_sim (McContext *ctx, GError **error)
{
  const McOptions *o = ctx->opts;
  g_autoptr (MdDbusSim) sim = NULL;
  g_autoptr (GError) err = NULL;
  gint timeout = mc_timeout_ms (ctx);
  guint actions;

  /* mmcli's rules: one action; each but --pin itself needs --pin too. */
  actions = !!o->puk + !!o->enable_pin + !!o->disable_pin + !!o->change_pin;
  if (actions == 1 && !o->pin) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "action requires also the PIN code");
    return FALSE;
  }
  if (actions > 1) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "too many sim actions requested");
    return FALSE;
  }
  sim = mc_lookup_sim (ctx, o->sim, error);
  if (!sim)
    return FALSE;
  if (o->puk) {
    if (!md_dbus_sim_call_send_puk_sync (sim, o->puk, o->pin, G_DBUS_CALL_FLAGS_NONE, timeout, NULL, &err))
      return mc_fail (error, err, "couldn't send PUK code to the SIM");
    printf ("successfully sent PUK code to the SIM\n");
  } else if (o->enable_pin || o->disable_pin) {
    if (!md_dbus_sim_call_enable_pin_sync (sim, o->pin, o->enable_pin, G_DBUS_CALL_FLAGS_NONE, timeout, NULL,
                                           &err))
      return mc_fail (error, err,
                      o->enable_pin ? "couldn't enable PIN code request in the SIM"
                                    : "couldn't disable PIN code request in the SIM");
    printf ("successfully %s PIN code request in the SIM\n", o->enable_pin ? "enabled" : "disabled");
  } else if (o->change_pin) {
    if (!md_dbus_sim_call_change_pin_sync (sim, o->pin, o->change_pin, G_DBUS_CALL_FLAGS_NONE, timeout, NULL,
                                           &err))
      return mc_fail (error, err, "couldn't change PIN code in the SIM");
    printf ("successfully changed PIN code in the SIM\n");
  } else if (o->pin) {
    if (!md_dbus_sim_call_send_pin_sync (sim, o->pin, G_DBUS_CALL_FLAGS_NONE, timeout, NULL, &err))
      return mc_fail (error, err, "couldn't send PIN code to the SIM");
    printf ("successfully sent PIN code to the SIM\n");
  } else {
    mc_show_sim (ctx, sim);
    mc_output_dump (ctx->out);
  }
  return TRUE;
}

gboolean
mc_run_bearer (McContext *ctx, GError **error)
{
  g_autoptr (MdDbusBearer) bearer = mc_lookup_bearer (ctx, ctx->opts->bearer, error);

  if (!bearer)
    return FALSE;
  mc_show_bearer (ctx, bearer);
  mc_output_dump (ctx->out);
  return TRUE;
}

gboolean
mc_run_sms (McContext *ctx, GError **error)
{
  g_autoptr (MdDbusSms) sms = mc_lookup_sms (ctx, ctx->opts->sms, NULL, error);
  g_autoptr (GError) err = NULL;

  if (!sms)
    return FALSE;
  if (ctx->opts->sms_send) {
    if (!md_dbus_sms_call_send_sync (sms, G_DBUS_CALL_FLAGS_NONE, mc_timeout_ms (ctx), NULL, &err))
      return mc_fail (error, err, "couldn't send the SMS");
    printf ("successfully sent the SMS\n");
    return TRUE;
  }
  mc_show_sms (ctx, sms);
  mc_output_dump (ctx->out);
  return TRUE;
}
