/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The benchmark's client: against whichever daemon owns
 * org.freedesktop.ModemManager1 on the session bus, it times Test.SetProfile
 * until the modem object is exported, Modem.Enable until the modem is
 * registered, and Simple.Connect until it returns, and prints the three
 * durations in milliseconds as one JSON object. It follows signals instead of
 * polling, so the daemon under test serves no extra calls while timed. */
#include <gio/gio.h>
#include <stdio.h>

#define BUS_NAME      "org.freedesktop.ModemManager1"
#define ROOT_PATH     "/org/freedesktop/ModemManager1"
#define MODEM_IFACE   BUS_NAME ".Modem"
#define LIMIT_SECONDS 60
/* MMModemState values. */
#define STATE_DISABLED   3
#define STATE_REGISTERED 8

typedef enum {
  STEP_EXPORT,
  STEP_ENABLE,
  STEP_CONNECT,
  STEP_DONE,
} Step;

typedef struct {
  GDBusConnection *bus;
  GMainLoop *loop;
  Step step;
  char *path;
  gint state;
  gboolean enable_returned;
  gint64 t_start, t_exported, t_enabled, t_connected;
  GError *error;
} Bench;

static void advance (Bench *b);

static void
fail (Bench *b, GError *error)
{
  if (!b->error)
    b->error = error;
  else
    g_error_free (error);
  g_main_loop_quit (b->loop);
}

/* Takes the State out of a{sv} property set, if it is there. */
static void
take_state (Bench *b, GVariant *props)
{
  gint32 state;

  if (g_variant_lookup (props, "State", "i", &state))
    b->state = state;
}

static void
on_interfaces_added (GDBusConnection *bus, const char *sender, const char *object_path, const char *interface,
                     const char *signal, GVariant *params, gpointer user_data)
{
  Bench *b = user_data;
  g_autoptr (GVariant) ifaces = NULL;
  g_autoptr (GVariant) modem = NULL;
  const char *path;

  g_variant_get (params, "(&o@a{sa{sv}})", &path, &ifaces);
  if (b->path || !g_str_has_prefix (path, ROOT_PATH "/Modem/"))
    return;
  modem = g_variant_lookup_value (ifaces, MODEM_IFACE, G_VARIANT_TYPE ("a{sv}"));
  if (!modem)
    return;
  b->path = g_strdup (path);
  take_state (b, modem);
  advance (b);
}

static void
on_properties_changed (GDBusConnection *bus, const char *sender, const char *object_path,
                       const char *interface, const char *signal, GVariant *params, gpointer user_data)
{
  Bench *b = user_data;
  g_autoptr (GVariant) changed = NULL;
  const char *iface;

  if (g_strcmp0 (object_path, b->path) != 0)
    return;
  g_variant_get (params, "(&s@a{sv}as)", &iface, &changed, NULL);
  if (g_strcmp0 (iface, MODEM_IFACE) == 0) {
    take_state (b, changed);
    advance (b);
  }
}

static void
set_profile_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Bench *b = user_data;
  g_autoptr (GVariant) reply = NULL;
  GError *error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (!reply)
    fail (b, error);
}

static void
enable_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Bench *b = user_data;
  g_autoptr (GVariant) reply = NULL;
  GError *error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (!reply) {
    fail (b, error);
    return;
  }
  b->enable_returned = TRUE;
  advance (b);
}

static void
connect_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Bench *b = user_data;
  g_autoptr (GVariant) reply = NULL;
  GError *error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (!reply) {
    fail (b, error);
    return;
  }
  b->t_connected = g_get_monotonic_time ();
  b->step = STEP_DONE;
  g_main_loop_quit (b->loop);
}

static void
start_connect (Bench *b)
{
  GVariantBuilder props;

  g_variant_builder_init (&props, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&props, "{sv}", "apn", g_variant_new_string ("internet"));
  g_dbus_connection_call (b->bus, BUS_NAME, b->path, BUS_NAME ".Modem.Simple", "Connect",
                          g_variant_new ("(a{sv})", &props), NULL, G_DBUS_CALL_FLAGS_NONE,
                          LIMIT_SECONDS * 1000, NULL, connect_done, b);
}

/* Called after every event: moves on once the current step's condition
 * holds. Exported means the object is there and initialized (a daemon may
 * export before it finished); enabled means Enable returned and the modem
 * is registered, whichever comes last. */
static void
advance (Bench *b)
{
  switch (b->step) {
  case STEP_EXPORT:
    if (!b->path || b->state < STATE_DISABLED)
      return;
    b->t_exported = g_get_monotonic_time ();
    b->step = STEP_ENABLE;
    g_dbus_connection_call (b->bus, BUS_NAME, b->path, MODEM_IFACE, "Enable", g_variant_new ("(b)", TRUE),
                            NULL, G_DBUS_CALL_FLAGS_NONE, LIMIT_SECONDS * 1000, NULL, enable_done, b);
    return;
  case STEP_ENABLE:
    if (!b->enable_returned || b->state < STATE_REGISTERED)
      return;
    b->t_enabled = g_get_monotonic_time ();
    b->step = STEP_CONNECT;
    start_connect (b);
    return;
  case STEP_CONNECT:
  case STEP_DONE: return;
  }
}

static gboolean
on_timeout (gpointer user_data)
{
  Bench *b = user_data;

  fail (b, g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "timed out in step %d (modem %s, state %d)",
                        b->step, b->path ? b->path : "not exported", b->state));
  return G_SOURCE_REMOVE;
}

/* ports: one SetProfile port list, comma-separated
 * ("mbim:/dev/pts/4,net:wwan0"). */
static void
run (Bench *b, const char *port_list, const char *plugin)
{
  g_auto (GStrv) ports = g_strsplit (port_list, ",", -1);

  /* Subscribed before SetProfile, so no signal can be missed. */
  g_dbus_connection_signal_subscribe (b->bus, BUS_NAME, "org.freedesktop.DBus.ObjectManager",
                                      "InterfacesAdded", ROOT_PATH, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                      on_interfaces_added, b, NULL);
  g_dbus_connection_signal_subscribe (b->bus, BUS_NAME, "org.freedesktop.DBus.Properties",
                                      "PropertiesChanged", NULL, MODEM_IFACE, G_DBUS_SIGNAL_FLAGS_NONE,
                                      on_properties_changed, b, NULL);
  g_timeout_add_seconds (LIMIT_SECONDS, on_timeout, b);
  b->t_start = g_get_monotonic_time ();
  g_dbus_connection_call (b->bus, BUS_NAME, ROOT_PATH, BUS_NAME ".Test", "SetProfile",
                          g_variant_new ("(ss^as)", "bench0", plugin, (const char *const *)ports), NULL,
                          G_DBUS_CALL_FLAGS_NONE, LIMIT_SECONDS * 1000, NULL, set_profile_done, b);
  g_main_loop_run (b->loop);
}

int
main (int argc, char **argv)
{
  Bench b = { .state = -100 };
  const char *port = argc > 1 ? argv[1] : NULL;
  const char *plugin = argc > 2 ? argv[2] : "generic";

  if (!port) {
    fprintf (stderr, "usage: md-bench-client PORT[,PORT...] [PLUGIN]\n");
    return 2;
  }
  b.bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &b.error);
  if (b.bus) {
    b.loop = g_main_loop_new (NULL, FALSE);
    run (&b, port, plugin);
  }
  if (b.step != STEP_DONE) {
    fprintf (stderr, "md-bench-client: %s\n", b.error ? b.error->message : "failed");
    return 1;
  }
  printf ("{\"exported_ms\": %.1f, \"enable_ms\": %.1f, \"connect_ms\": %.1f}\n",
          (b.t_exported - b.t_start) / 1000.0, (b.t_enabled - b.t_exported) / 1000.0,
          (b.t_connected - b.t_enabled) / 1000.0);
  return 0;
}
