/* SPDX-License-Identifier: GPL-2.0-or-later */
/* After a system resume (systemd-logind's PrepareForSleep(false) on the
 * manager's bus) every enabled modem is polled at once, so registration,
 * signal and connections lost while the system slept show now rather than
 * at the next tick. Nothing is done before sleeping; a modem the kernel
 * re-enumerates on resume goes and comes back through discovery. */
#include "manager-private.h"
#include "md-log.h"
#include "md-modem-export.h"
#include "md-modem-poll.h"

#define LOGIND_NAME    "org.freedesktop.login1"
#define LOGIND_PATH    "/org/freedesktop/login1"
#define LOGIND_MANAGER "org.freedesktop.login1.Manager"

static void
prepare_for_sleep (GDBusConnection *connection, const char *sender, const char *path, const char *iface,
                   const char *signal, GVariant *parameters, gpointer user_data)
{
  MdManager *self = user_data;
  GHashTableIter iter;
  gpointer value;
  gboolean going_to_sleep = TRUE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;
  g_variant_get (parameters, "(b)", &going_to_sleep);
  if (going_to_sleep)
    return;
  md_log_info (NULL, "the system resumed: polling every enabled modem");
  g_hash_table_iter_init (&iter, self->modems);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    md_modem_poll_kick (md_modem_export_get_modem (value));
}

void
md_manager_sleep_start (MdManager *self)
{
  self->sleep_subscription = g_dbus_connection_signal_subscribe (
    self->connection, LOGIND_NAME, LOGIND_MANAGER, "PrepareForSleep", LOGIND_PATH, NULL,
    G_DBUS_SIGNAL_FLAGS_NONE, prepare_for_sleep, self, NULL);
}

void
md_manager_sleep_stop (MdManager *self)
{
  if (self->sleep_subscription && self->connection)
    g_dbus_connection_signal_unsubscribe (self->connection, self->sleep_subscription);
  self->sleep_subscription = 0;
}
