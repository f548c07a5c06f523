/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Signal and Messaging actions of a modem (--signal-*, --messaging-*).
 * A modem without the interface fails as mmcli fails. */
#include <stdio.h>

#include "mc-actions.h"
#include "mc-lookup.h"
#include "mc-nicks.h"
#include "mc-show.h"

gboolean mc_run_modem_extras (McContext *ctx, MdDbusObject *object, GError **error);
gboolean mc_modem_extras_requested (const McOptions *o);

gboolean
mc_modem_extras_requested (const McOptions *o)
{
  return o->signal_setup || o->signal_get || o->messaging_list || o->messaging_create || o->messaging_delete;
}

static gboolean
run_signal (McContext *ctx, MdDbusObject *object, GError **error)
{
  g_autoptr (MdDbusModemSignal) sig = md_dbus_object_get_modem_signal (object);
  g_autoptr (GError) err = NULL;

  if (!sig) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "modem has no extended signal capabilities");
    return FALSE;
  }
  if (ctx->opts->signal_setup) {
    char *end = NULL;
    guint64 rate = g_ascii_strtoull (ctx->opts->signal_setup, &end, 10);

    if (!g_ascii_isdigit (ctx->opts->signal_setup[0]) || *end || rate > G_MAXUINT32) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "invalid rate value '%s'",
                   ctx->opts->signal_setup);
      return FALSE;
    }
    if (!md_dbus_modem_signal_call_setup_sync (sig, (guint)rate, G_DBUS_CALL_FLAGS_NONE, mc_timeout_ms (ctx),
                                               NULL, &err))
      return mc_fail (error, err, "couldn't setup signal quality information polling");
    printf ("Successfully setup signal quality information polling\n");
    return TRUE;
  }
  mc_show_signal (ctx, sig);
  mc_output_dump (ctx->out);
  return TRUE;
}

static gboolean
run_messaging (McContext *ctx, MdDbusObject *object, GError **error)
{
  const McOptions *o = ctx->opts;
  g_autoptr (MdDbusModemMessaging) messaging = md_dbus_object_get_modem_messaging (object);
  g_autoptr (GError) err = NULL;

  if (!!o->messaging_list + !!o->messaging_create + !!o->messaging_delete > 1) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "too many Messaging actions requested");
    return FALSE;
  }
  if (!messaging) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "modem has no messaging capabilities");
    return FALSE;
  }
  if (o->messaging_create) {
    g_autofree char *path = NULL;
    GVariant *props = mc_connect_string_parse (o->messaging_create, MC_STRING_SMS, &err);

    if (!props) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "cannot parse properties string: '%s'",
                   err->message);
      return FALSE;
    }
    if (!md_dbus_modem_messaging_call_create_sync (messaging, props, G_DBUS_CALL_FLAGS_NONE,
                                                   mc_timeout_ms (ctx), &path, NULL, &err))
      return mc_fail (error, err, "couldn't create new SMS");
    printf ("Successfully created new SMS: %s\n", path);
    return TRUE;
  }
  if (o->messaging_delete) {
    g_autofree char *path = mc_object_path (o->messaging_delete, "SMS", MC_SMS_PREFIX, error);

    if (!path)
      return FALSE;
    if (!md_dbus_modem_messaging_get_messages (messaging)
        || !g_strv_contains (md_dbus_modem_messaging_get_messages (messaging), path)) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "couldn't find SMS at '%s': 'not found in any modem'", path);
      return FALSE;
    }
    if (!md_dbus_modem_messaging_call_delete_sync (messaging, path, G_DBUS_CALL_FLAGS_NONE,
                                                   mc_timeout_ms (ctx), NULL, &err))
      return mc_fail (error, err, "couldn't delete SMS");
    printf ("successfully deleted SMS from modem\n");
    return TRUE;
  }
  {
    g_auto (GStrv) paths = NULL;

    if (!md_dbus_modem_messaging_call_list_sync (messaging, G_DBUS_CALL_FLAGS_NONE, mc_timeout_ms (ctx),
                                                 &paths, NULL, &err))
      return mc_fail (error, err, "couldn't list SMS");
    /* As mmcli: each message with its state. */
    for (guint i = 0; paths && paths[i]; i++) {
      g_autoptr (MdDbusSms) sms = mc_lookup_sms (ctx, paths[i], NULL, NULL);
      g_autofree char *state
        = sms ? g_strdup_printf ("(%s)", mc_enum_nick (mc_nicks_MdSmsState, md_dbus_sms_get_state (sms)))
              : g_strdup ("");

      mc_output_listitem (ctx->out, MC_F_SMS_LIST, "    ", paths[i], state);
    }
    mc_output_dump_list (ctx->out, MC_F_SMS_LIST);
  }
  return TRUE;
}

gboolean
mc_run_modem_extras (McContext *ctx, MdDbusObject *object, GError **error)
{
  const McOptions *o = ctx->opts;

  /* mmcli looks at Messaging options before Signal ones. */
  if (o->messaging_list || o->messaging_create || o->messaging_delete)
    return run_messaging (ctx, object, error);
  return run_signal (ctx, object, error);
}
