/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The benchmark's client: against whichever daemon owns
 * org.freedesktop.ModemManager1 on the session bus, it times
 * Test.SetProfile until the modem object appears, Modem.Enable until the
 * modem is registered, and Simple.Connect until it returns, and prints the
 * three durations in milliseconds as one JSON object. */
#include <gio/gio.h>
#include <stdio.h>

#define BUS_NAME      "org.freedesktop.ModemManager1"
#define ROOT_PATH     "/org/freedesktop/ModemManager1"
#define WAIT_LIMIT_US (60 * G_USEC_PER_SEC)

static GDBusConnection *bus;

static gint64
now_us (void)
{
  return g_get_monotonic_time ();
}

/* Polls the object manager; a daemon may export before or after it answers
 * SetProfile, so the clock stops when the object is really there. */
static char *
wait_for_modem (void)
{
  gint64 deadline = now_us () + WAIT_LIMIT_US;

  while (now_us () < deadline) {
    g_autoptr (GVariant) reply = g_dbus_connection_call_sync (
      bus, BUS_NAME, ROOT_PATH, "org.freedesktop.DBus.ObjectManager", "GetManagedObjects", NULL,
      G_VARIANT_TYPE ("(a{oa{sa{sv}}})"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
    g_autoptr (GVariantIter) iter = NULL;
    const char *path;

    if (reply) {
      g_variant_get (reply, "(a{oa{sa{sv}}})", &iter);
      while (g_variant_iter_next (iter, "{&o@a{sa{sv}}}", &path, NULL)) {
        if (g_str_has_prefix (path, ROOT_PATH "/Modem/"))
          return g_strdup (path);
      }
    }
    g_usleep (1000);
  }
  return NULL;
}

static gint
modem_state (const char *path)
{
  g_autoptr (GVariant) reply
    = g_dbus_connection_call_sync (bus, BUS_NAME, path, "org.freedesktop.DBus.Properties", "Get",
                                   g_variant_new ("(ss)", "org.freedesktop.ModemManager1.Modem", "State"),
                                   G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  g_autoptr (GVariant) value = NULL;

  if (!reply)
    return -100;
  g_variant_get (reply, "(v)", &value);
  return g_variant_get_int32 (value);
}

static gboolean
call (const char *path, const char *interface, const char *method, GVariant *args, GError **error)
{
  g_autoptr (GVariant) reply = g_dbus_connection_call_sync (
    bus, BUS_NAME, path, interface, method, args, NULL, G_DBUS_CALL_FLAGS_NONE, 120000, NULL, error);
  return reply != NULL;
}

static gboolean
wait_state_at_least (const char *path, gint state)
{
  gint64 deadline = now_us () + WAIT_LIMIT_US;

  while (now_us () < deadline) {
    if (modem_state (path) >= state)
      return TRUE;
    g_usleep (1000);
  }
  return FALSE;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  const char *port = argc > 1 ? argv[1] : NULL;
  const char *plugin = argc > 2 ? argv[2] : "generic";
  const char *ports[] = { port, NULL };
  GVariantBuilder props;
  gint64 t0, t_exported, t_enabled, t_connected;

  if (!port) {
    fprintf (stderr, "usage: md-bench-client PORT [PLUGIN]\n");
    return 2;
  }
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (!bus)
    goto fail;

  t0 = now_us ();
  if (!call (ROOT_PATH, "org.freedesktop.ModemManager1.Test", "SetProfile",
             g_variant_new ("(ss^as)", "bench0", plugin, ports), &error))
    goto fail;
  path = wait_for_modem ();
  /* A modem that is still initializing cannot be enabled yet. */
  if (!path || !wait_state_at_least (path, 3))
    goto fail;
  t_exported = now_us ();

  if (!call (path, "org.freedesktop.ModemManager1.Modem", "Enable", g_variant_new ("(b)", TRUE), &error))
    goto fail;
  if (!wait_state_at_least (path, 8))
    goto fail;
  t_enabled = now_us ();

  g_variant_builder_init (&props, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&props, "{sv}", "apn", g_variant_new_string ("internet"));
  if (!call (path, "org.freedesktop.ModemManager1.Modem.Simple", "Connect", g_variant_new ("(a{sv})", &props),
             &error))
    goto fail;
  t_connected = now_us ();

  printf ("{\"exported_ms\": %.1f, \"enable_ms\": %.1f, \"connect_ms\": %.1f}\n", (t_exported - t0) / 1000.0,
          (t_enabled - t_exported) / 1000.0, (t_connected - t_enabled) / 1000.0);
  return 0;

fail:
  fprintf (stderr, "md-bench-client: %s\n", error ? error->message : "timed out");
  return 1;
}
