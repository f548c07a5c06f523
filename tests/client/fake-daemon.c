/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* See fake-daemon.h. Everything the service does runs in its own thread
 * and main context; the test thread reaches it only through run_in_fake(),
 * which waits until the function ran, and through D-Bus. */
#include "fake-daemon.h"

struct _FakeDaemon {
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  char *address;
  GDBusConnection *connection;
  GDBusObjectManagerServer *object_manager;
  GHashTable *modems; /* index -> MmcGdbusModem */
  MmcGdbusSim *sim;
  MmcGdbusBearer *bearer;
  MmcGdbusSms *sms;

  GMutex lock; /* the fields below */
  GCond cond;
  gboolean ready;
  GVariant *bearer_properties;
  char *last_call;
};

/* --- the service's handlers (fake thread) ----------------------------------------------------------------
 */

static void record_call (FakeDaemon *fake, GDBusMethodInvocation *invocation, const char *argument);

static gboolean
handle_bearer_connect (MmcGdbusBearer *bearer, GDBusMethodInvocation *invocation, gpointer user_data)
{
  record_call (user_data, invocation, "-");
  mmc_gdbus_bearer_set_connected (bearer, TRUE);
  mmc_gdbus_bearer_complete_connect (bearer, invocation);
  return TRUE;
}

static gboolean
handle_bearer_disconnect (MmcGdbusBearer *bearer, GDBusMethodInvocation *invocation, gpointer user_data)
{
  record_call (user_data, invocation, "-");
  mmc_gdbus_bearer_set_connected (bearer, FALSE);
  mmc_gdbus_bearer_complete_disconnect (bearer, invocation);
  return TRUE;
}

static void
export_bearer (FakeDaemon *fake, GVariant *properties)
{
  g_mutex_lock (&fake->lock);
  g_clear_pointer (&fake->bearer_properties, g_variant_unref);
  fake->bearer_properties = g_variant_ref (properties);
  g_mutex_unlock (&fake->lock);
  if (fake->bearer)
    return;
  fake->bearer = mmc_gdbus_bearer_skeleton_new ();
  mmc_gdbus_bearer_set_interface (fake->bearer, "wwan0");
  mmc_gdbus_bearer_set_connected (fake->bearer, TRUE);
  mmc_gdbus_bearer_set_properties (fake->bearer, properties);
  mmc_gdbus_bearer_set_ip4_config (
    fake->bearer,
    g_variant_new_parsed ("{'method': <uint32 2>, 'address': <'10.0.0.2'>, 'prefix': <uint32 24>,"
                          " 'gateway': <'10.0.0.1'>, 'dns1': <'10.0.0.10'>, 'dns2': <'10.0.0.11'>,"
                          " 'mtu': <uint32 1500>}"));
  g_signal_connect (fake->bearer, "handle-connect", G_CALLBACK (handle_bearer_connect), fake);
  g_signal_connect (fake->bearer, "handle-disconnect", G_CALLBACK (handle_bearer_disconnect), fake);
  g_assert_true (g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (fake->bearer), fake->connection,
                                                   FAKE_BEARER_PATH, NULL));
}

static void
list_bearer_on_modems (FakeDaemon *fake)
{
  const char *const bearers[] = { FAKE_BEARER_PATH, NULL };
  GHashTableIter iter;
  gpointer modem;

  g_hash_table_iter_init (&iter, fake->modems);
  while (g_hash_table_iter_next (&iter, NULL, &modem))
    mmc_gdbus_modem_set_bearers (modem, bearers);
}

static gboolean
handle_reset (MmcGdbusModem *modem, GDBusMethodInvocation *invocation, gpointer user_data)
{
  g_dbus_method_invocation_return_dbus_error (
    invocation, "org.freedesktop.ModemManager1.Error.Core.Unsupported", "Reset is not supported");
  return TRUE;
}

static gboolean
handle_create_bearer (MmcGdbusModem *modem, GDBusMethodInvocation *invocation, GVariant *properties,
                      gpointer user_data)
{
  export_bearer (user_data, properties);
  list_bearer_on_modems (user_data);
  mmc_gdbus_modem_complete_create_bearer (modem, invocation, FAKE_BEARER_PATH);
  return TRUE;
}

static gboolean
handle_connect (MmcGdbusModemSimple *simple, GDBusMethodInvocation *invocation, GVariant *properties,
                gpointer user_data)
{
  export_bearer (user_data, properties);
  list_bearer_on_modems (user_data);
  mmc_gdbus_modem_simple_complete_connect (simple, invocation, FAKE_BEARER_PATH);
  return TRUE;
}

/* Records "Method argument" for fake_daemon_dup_last_call (). */
static void
record_call (FakeDaemon *fake, GDBusMethodInvocation *invocation, const char *argument)
{
  g_mutex_lock (&fake->lock);
  g_free (fake->last_call);
  fake->last_call
    = g_strdup_printf ("%s %s", g_dbus_method_invocation_get_method_name (invocation), argument);
  g_mutex_unlock (&fake->lock);
}

static gboolean
handle_disconnect (MmcGdbusModemSimple *simple, GDBusMethodInvocation *invocation, const char *bearer,
                   gpointer user_data)
{
  record_call (user_data, invocation, bearer);
  mmc_gdbus_modem_simple_complete_disconnect (simple, invocation);
  return TRUE;
}

static gboolean
handle_delete_bearer (MmcGdbusModem *modem, GDBusMethodInvocation *invocation, const char *bearer,
                      gpointer user_data)
{
  record_call (user_data, invocation, bearer);
  mmc_gdbus_modem_complete_delete_bearer (modem, invocation);
  return TRUE;
}

static gboolean
handle_enable (MmcGdbusModem *modem, GDBusMethodInvocation *invocation, gboolean enable, gpointer user_data)
{
  record_call (user_data, invocation, enable ? "true" : "false");
  mmc_gdbus_modem_set_state (modem, enable ? MMC_MODEM_STATE_ENABLED : MMC_MODEM_STATE_DISABLED);
  mmc_gdbus_modem_complete_enable (modem, invocation);
  return TRUE;
}

static gboolean
handle_set_power_state (MmcGdbusModem *modem, GDBusMethodInvocation *invocation, guint state,
                        gpointer user_data)
{
  g_autofree char *argument = g_strdup_printf ("%u", state);

  record_call (user_data, invocation, argument);
  mmc_gdbus_modem_set_power_state (modem, state);
  mmc_gdbus_modem_complete_set_power_state (modem, invocation);
  return TRUE;
}

static gboolean
handle_sms_send (MmcGdbusSms *sms, GDBusMethodInvocation *invocation, gpointer user_data)
{
  record_call (user_data, invocation, mmc_gdbus_sms_get_number (sms));
  mmc_gdbus_sms_set_state (sms, MMC_SMS_STATE_SENT);
  mmc_gdbus_sms_complete_send (sms, invocation);
  return TRUE;
}

static gboolean
handle_sms_store (MmcGdbusSms *sms, GDBusMethodInvocation *invocation, guint storage, gpointer user_data)
{
  g_autofree char *argument = g_strdup_printf ("%u", storage);

  record_call (user_data, invocation, argument);
  mmc_gdbus_sms_set_storage (sms, storage);
  mmc_gdbus_sms_complete_store (sms, invocation);
  return TRUE;
}

/* Every SIM method: refused with IncorrectPassword unless code is right. */
static gboolean
check_code (GDBusMethodInvocation *invocation, const char *code, const char *right)
{
  if (g_strcmp0 (code, right) == 0)
    return TRUE;
  g_dbus_method_invocation_return_dbus_error (
    invocation, "org.freedesktop.ModemManager1.Error.MobileEquipment.IncorrectPassword", "Wrong PIN");
  return FALSE;
}

static gboolean
handle_send_pin (MmcGdbusSim *sim, GDBusMethodInvocation *invocation, const char *pin, gpointer user_data)
{
  if (check_code (invocation, pin, FAKE_PIN))
    mmc_gdbus_sim_complete_send_pin (sim, invocation);
  return TRUE;
}

static gboolean
handle_send_puk (MmcGdbusSim *sim, GDBusMethodInvocation *invocation, const char *puk, const char *pin,
                 gpointer user_data)
{
  if (check_code (invocation, puk, FAKE_PUK)) {
    record_call (user_data, invocation, pin);
    mmc_gdbus_sim_complete_send_puk (sim, invocation);
  }
  return TRUE;
}

static gboolean
handle_enable_pin (MmcGdbusSim *sim, GDBusMethodInvocation *invocation, const char *pin, gboolean enabled,
                   gpointer user_data)
{
  if (check_code (invocation, pin, FAKE_PIN)) {
    record_call (user_data, invocation, enabled ? "true" : "false");
    mmc_gdbus_sim_complete_enable_pin (sim, invocation);
  }
  return TRUE;
}

static gboolean
handle_change_pin (MmcGdbusSim *sim, GDBusMethodInvocation *invocation, const char *old_pin,
                   const char *new_pin, gpointer user_data)
{
  if (check_code (invocation, old_pin, FAKE_PIN)) {
    record_call (user_data, invocation, new_pin);
    mmc_gdbus_sim_complete_change_pin (sim, invocation);
  }
  return TRUE;
}

static char *
modem_path (guint index)
{
  return g_strdup_printf (FAKE_MODEM_PATH "%u", index);
}

static void
add_modem (FakeDaemon *fake, gpointer data)
{
  guint index = GPOINTER_TO_UINT (data);
  g_autofree char *path = modem_path (index);
  g_autoptr (MmcGdbusObjectSkeleton) object = mmc_gdbus_object_skeleton_new (path);
  g_autoptr (MmcGdbusModem) modem = mmc_gdbus_modem_skeleton_new ();
  g_autoptr (MmcGdbusModemSimple) simple = mmc_gdbus_modem_simple_skeleton_new ();

  mmc_gdbus_modem_set_state (modem, MMC_MODEM_STATE_DISABLED);
  mmc_gdbus_modem_set_power_state (modem, MMC_MODEM_POWER_STATE_LOW);
  mmc_gdbus_modem_set_manufacturer (modem, "Fake");
  mmc_gdbus_modem_set_sim (modem, FAKE_SIM_PATH);
  mmc_gdbus_modem_set_signal_quality (modem, g_variant_new ("(ub)", 64, TRUE));
  g_signal_connect (modem, "handle-reset", G_CALLBACK (handle_reset), fake);
  g_signal_connect (modem, "handle-create-bearer", G_CALLBACK (handle_create_bearer), fake);
  g_signal_connect (modem, "handle-delete-bearer", G_CALLBACK (handle_delete_bearer), fake);
  g_signal_connect (modem, "handle-enable", G_CALLBACK (handle_enable), fake);
  g_signal_connect (modem, "handle-set-power-state", G_CALLBACK (handle_set_power_state), fake);
  g_signal_connect (simple, "handle-connect", G_CALLBACK (handle_connect), fake);
  g_signal_connect (simple, "handle-disconnect", G_CALLBACK (handle_disconnect), fake);
  mmc_gdbus_object_skeleton_set_modem (object, modem);
  mmc_gdbus_object_skeleton_set_modem_simple (object, simple);
  g_dbus_object_manager_server_export (fake->object_manager, G_DBUS_OBJECT_SKELETON (object));
  g_hash_table_insert (fake->modems, GUINT_TO_POINTER (index), g_steal_pointer (&modem));

  if (!fake->sms) {
    fake->sms = mmc_gdbus_sms_skeleton_new ();
    mmc_gdbus_sms_set_state (fake->sms, MMC_SMS_STATE_STORED);
    mmc_gdbus_sms_set_number (fake->sms, "+491701234567");
    mmc_gdbus_sms_set_text (fake->sms, "hello");
    /* With Data or Validity unset, GetAll on this skeleton failed (GLib 2.74). */
    mmc_gdbus_sms_set_data (fake->sms,
                            g_variant_new_from_data (G_VARIANT_TYPE_BYTESTRING, "", 0, TRUE, NULL, NULL));
    mmc_gdbus_sms_set_validity (fake->sms, g_variant_new ("(uv)", 0, g_variant_new_uint32 (0)));
    g_signal_connect (fake->sms, "handle-send", G_CALLBACK (handle_sms_send), fake);
    g_signal_connect (fake->sms, "handle-store", G_CALLBACK (handle_sms_store), fake);
    g_assert_true (g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (fake->sms), fake->connection,
                                                     FAKE_SMS_PATH, NULL));
  }
  if (!fake->sim) {
    fake->sim = mmc_gdbus_sim_skeleton_new ();
    mmc_gdbus_sim_set_active (fake->sim, TRUE);
    mmc_gdbus_sim_set_imsi (fake->sim, "262011234567890");
    g_signal_connect (fake->sim, "handle-send-pin", G_CALLBACK (handle_send_pin), fake);
    g_signal_connect (fake->sim, "handle-send-puk", G_CALLBACK (handle_send_puk), fake);
    g_signal_connect (fake->sim, "handle-enable-pin", G_CALLBACK (handle_enable_pin), fake);
    g_signal_connect (fake->sim, "handle-change-pin", G_CALLBACK (handle_change_pin), fake);
    g_assert_true (g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (fake->sim), fake->connection,
                                                     FAKE_SIM_PATH, NULL));
  }
}

static void
remove_modem (FakeDaemon *fake, gpointer data)
{
  guint index = GPOINTER_TO_UINT (data);
  g_autofree char *path = modem_path (index);

  g_assert_true (g_dbus_object_manager_server_unexport (fake->object_manager, path));
  g_hash_table_remove (fake->modems, data);
}

/* --- the thread
 * ----------------------------------------------------------------------------------------------- */

static gpointer
fake_thread (gpointer data)
{
  FakeDaemon *fake = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (MmcGdbusManager) manager = mmc_gdbus_manager_skeleton_new ();

  g_main_context_push_thread_default (fake->context);
  fake->connection = g_dbus_connection_new_for_address_sync (
    fake->address,
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION, NULL,
    NULL, &error);
  g_assert_no_error (error);
  fake->object_manager = g_dbus_object_manager_server_new ("/org/freedesktop/ModemManager1");
  g_dbus_object_manager_server_set_connection (fake->object_manager, fake->connection);
  g_assert_true (g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (manager), fake->connection,
                                                   "/org/freedesktop/ModemManager1", NULL));
  reply = g_dbus_connection_call_sync (fake->connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.ModemManager1", 0),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  g_mutex_lock (&fake->lock);
  fake->ready = TRUE;
  g_cond_broadcast (&fake->cond);
  g_mutex_unlock (&fake->lock);

  g_main_loop_run (fake->loop);

  g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (manager));
  if (fake->sim)
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (fake->sim));
  if (fake->bearer)
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (fake->bearer));
  if (fake->sms)
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (fake->sms));
  g_clear_object (&fake->sms);
  g_clear_object (&fake->sim);
  g_clear_object (&fake->bearer);
  g_hash_table_remove_all (fake->modems);
  g_clear_object (&fake->object_manager);
  g_dbus_connection_close_sync (fake->connection, NULL, NULL);
  g_clear_object (&fake->connection);
  /* Let the closed connection's last idle callbacks run here. */
  while (g_main_context_iteration (fake->context, FALSE))
    ;
  g_main_context_pop_thread_default (fake->context);
  return NULL;
}

static gboolean
quit_loop (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

FakeDaemon *
fake_daemon_new (const char *address)
{
  FakeDaemon *fake = g_new0 (FakeDaemon, 1);

  g_mutex_init (&fake->lock);
  g_cond_init (&fake->cond);
  fake->address = g_strdup (address);
  fake->context = g_main_context_new ();
  fake->loop = g_main_loop_new (fake->context, FALSE);
  fake->modems = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
  fake->thread = g_thread_new ("fake-daemon", fake_thread, fake);
  g_mutex_lock (&fake->lock);
  while (!fake->ready)
    g_cond_wait (&fake->cond, &fake->lock);
  g_mutex_unlock (&fake->lock);
  return fake;
}

void
fake_daemon_free (FakeDaemon *fake)
{
  g_main_context_invoke (fake->context, quit_loop, fake->loop);
  g_thread_join (fake->thread);
  g_main_loop_unref (fake->loop);
  g_main_context_unref (fake->context);
  g_hash_table_unref (fake->modems);
  g_clear_pointer (&fake->bearer_properties, g_variant_unref);
  g_free (fake->last_call);
  g_free (fake->address);
  g_mutex_clear (&fake->lock);
  g_cond_clear (&fake->cond);
  g_free (fake);
}

typedef struct {
  FakeDaemon *fake;
  void (*func) (FakeDaemon *fake, gpointer data);
  gpointer data;
  gboolean done;
} FakeCall;

static gboolean
fake_call_run (gpointer user_data)
{
  FakeCall *call = user_data;

  call->func (call->fake, call->data);
  g_mutex_lock (&call->fake->lock);
  call->done = TRUE;
  g_cond_broadcast (&call->fake->cond);
  g_mutex_unlock (&call->fake->lock);
  return G_SOURCE_REMOVE;
}

/* Runs func in the fake's thread and returns when it ran. */
static void
run_in_fake (FakeDaemon *fake, void (*func) (FakeDaemon *fake, gpointer data), gpointer data)
{
  FakeCall call = { fake, func, data, FALSE };

  g_main_context_invoke (fake->context, fake_call_run, &call);
  g_mutex_lock (&fake->lock);
  while (!call.done)
    g_cond_wait (&fake->cond, &fake->lock);
  g_mutex_unlock (&fake->lock);
}

void
fake_daemon_add_modem (FakeDaemon *fake, guint index)
{
  run_in_fake (fake, add_modem, GUINT_TO_POINTER (index));
}

void
fake_daemon_remove_modem (FakeDaemon *fake, guint index)
{
  run_in_fake (fake, remove_modem, GUINT_TO_POINTER (index));
}

GVariant *
fake_daemon_dup_bearer_properties (FakeDaemon *fake)
{
  GVariant *properties;

  g_mutex_lock (&fake->lock);
  properties = fake->bearer_properties ? g_variant_ref (fake->bearer_properties) : NULL;
  g_mutex_unlock (&fake->lock);
  return properties;
}

char *
fake_daemon_dup_last_call (FakeDaemon *fake)
{
  char *call;

  g_mutex_lock (&fake->lock);
  call = g_strdup (fake->last_call);
  g_mutex_unlock (&fake->lock);
  return call;
}
