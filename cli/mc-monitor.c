/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `modemctl monitor`: one JSON object per line for every modem added or
 * removed, state change, 3GPP registration change, signal quality change
 * and bearer connection change, until SIGINT or SIGTERM (exit 0). Changes
 * come from the proxies' signals; nothing is polled. */
#include <glib-unix.h>
#include <math.h>
#include <stdio.h>

#include "mc-actions.h"
#include "mc-nicks.h"
#include "md-enums.h"

typedef struct {
  char *path;
  MdDbusModem *modem;
  MdDbusModemModem3gpp *gpp;
  MdDbusModemSignal *sig;  /* extended signal, when the modem has it */
  GHashTable *bearers;     /* path -> MdDbusBearer */
  char *last_registration; /* the last registration event, to drop repeats */
  McContext *ctx;
} Watched;

typedef struct {
  McContext *ctx;
  GHashTable *modems; /* path -> Watched */
  GMainLoop *loop;
} Monitor;

/* JSON text as RFC 8259 wants it: every control character escaped. */
static void
json_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s ? s : ""; *p; p++) {
    unsigned char c = (unsigned char)*p;

    if (c == '"' || c == '\\')
      g_string_append_printf (out, "\\%c", c);
    else if (c < 0x20)
      g_string_append_printf (out, "\\u%04x", c);
    else
      g_string_append_c (out, c);
  }
  g_string_append_c (out, '"');
}

/* Starts an event line: {"event":"NAME","modem":"PATH" (null for events
 * of the daemon itself) */
static GString *
event_new (const char *name, const char *modem)
{
  GString *line = g_string_new ("{\"event\":");

  json_string (line, name);
  g_string_append (line, ",\"modem\":");
  if (modem)
    json_string (line, modem);
  else
    g_string_append (line, "null");
  return line;
}

static void
event_add (GString *line, const char *key, const char *value)
{
  g_string_append_c (line, ',');
  json_string (line, key);
  g_string_append_c (line, ':');
  if (value)
    json_string (line, value);
  else
    g_string_append (line, "null");
}

static void
event_emit (GString *line)
{
  g_string_append (line, "}\n");
  fputs (line->str, stdout);
  fflush (stdout);
  g_string_free (line, TRUE);
}

static const char *
state_nick (gint32 state)
{
  return mc_enum_nick (mc_nicks_MdModemState, (guint32)state);
}

static const char *
text_or_null (const char *text)
{
  return text && text[0] ? text : NULL;
}

static void
add_registration (GString *line, MdDbusModemModem3gpp *gpp)
{
  event_add (line, "registration",
             mc_enum_nick (mc_nicks_MdModem3gppRegistrationState,
                           md_dbus_modem_modem3gpp_get_registration_state (gpp)));
  event_add (line, "operator-code", text_or_null (md_dbus_modem_modem3gpp_get_operator_code (gpp)));
  event_add (line, "operator-name", text_or_null (md_dbus_modem_modem3gpp_get_operator_name (gpp)));
}

static void
on_state_changed (MdDbusModem *modem, gint old, gint new_state, guint reason, gpointer user_data)
{
  Watched *w = user_data;
  GString *line = event_new ("state", w->path);

  event_add (line, "old", state_nick (old));
  event_add (line, "new", state_nick (new_state));
  event_add (line, "reason", mc_enum_nick (mc_nicks_MdModemStateChangeReason, reason));
  event_emit (line);
}

static void
on_signal_quality (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  Watched *w = user_data;
  GVariant *sq = md_dbus_modem_get_signal_quality (w->modem);
  guint32 value = 0;
  gboolean recent = FALSE;
  GString *line = event_new ("signal-quality", w->path);

  if (sq)
    g_variant_get (sq, "(ub)", &value, &recent);
  g_string_append_printf (line, ",\"value\":%u,\"recent\":%s", value, recent ? "true" : "false");
  event_emit (line);
}

static void
on_access_technologies (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  Watched *w = user_data;
  g_autofree char *techs
    = mc_flags_string (mc_nicks_MdModemAccessTechnology, md_dbus_modem_get_access_technologies (w->modem));
  GString *line = event_new ("access-technologies", w->path);

  event_add (line, "value", md_dbus_modem_get_access_technologies (w->modem) ? techs : NULL);
  event_emit (line);
}

static void
on_registration (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  Watched *w = user_data;
  GString *line = event_new ("registration", w->path);

  /* State, code and name change together but arrive as separate
   * property notifications: one line per distinct result. */
  add_registration (line, w->gpp);
  if (g_strcmp0 (line->str, w->last_registration) == 0) {
    g_string_free (line, TRUE);
    return;
  }
  g_free (w->last_registration);
  w->last_registration = g_strdup (line->str);
  event_emit (line);
}

static void
bearer_event (Watched *w, const char *name, const char *path, MdDbusBearer *bearer)
{
  GString *line = event_new (name, w->path);

  event_add (line, "bearer", path);
  if (bearer) {
    const char *iface = md_dbus_bearer_get_interface (bearer);

    g_string_append_printf (line, ",\"connected\":%s",
                            md_dbus_bearer_get_connected (bearer) ? "true" : "false");
    event_add (line, "interface", iface && iface[0] ? iface : NULL);
  }
  event_emit (line);
}

static void
on_bearer_connected (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  Watched *w = user_data;

  bearer_event (w, "bearer", g_dbus_proxy_get_object_path (G_DBUS_PROXY (object)), MD_DBUS_BEARER (object));
}

/* Follows the modem's Bearers list: new bearers get a proxy (to see their
 * Connected changes), vanished ones are dropped. */
static void
sync_bearers (Watched *w, gboolean report)
{
  const char *const *paths = md_dbus_modem_get_bearers (w->modem);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, w->bearers);
  while (g_hash_table_iter_next (&iter, &key, &value)) {
    if (!paths || !g_strv_contains (paths, key)) {
      if (report)
        bearer_event (w, "bearer-removed", key, NULL);
      g_signal_handlers_disconnect_by_data (value, w);
      g_hash_table_iter_remove (&iter);
    }
  }
  for (guint i = 0; paths && paths[i]; i++) {
    g_autoptr (GError) error = NULL;
    MdDbusBearer *bearer;

    if (g_hash_table_contains (w->bearers, paths[i]))
      continue;
    bearer = md_dbus_bearer_proxy_new_sync (w->ctx->connection, G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START,
                                            MC_BUS_NAME, paths[i], NULL, &error);
    if (!bearer)
      continue;
    g_hash_table_insert (w->bearers, g_strdup (paths[i]), bearer);
    g_signal_connect (bearer, "notify::connected", G_CALLBACK (on_bearer_connected), w);
    if (report)
      bearer_event (w, "bearer-added", paths[i], bearer);
  }
}

static void
on_bearers (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  sync_bearers (user_data, TRUE);
}

/* One technology's extended signal values changed: its measurements as
 * JSON numbers (null when not finite). */
static void
on_extended_signal (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  Watched *w = user_data;
  g_autoptr (GVariant) values = NULL;
  GString *line = event_new ("signal", w->path);
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_object_get (object, pspec->name, &values, NULL);
  event_add (line, "technology", pspec->name);
  if (values && g_variant_is_of_type (values, G_VARIANT_TYPE_VARDICT)) {
    g_variant_iter_init (&iter, values);
    while (g_variant_iter_next (&iter, "{&sv}", &key, &value)) {
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE)) {
        double d = g_variant_get_double (value);
        char number[G_ASCII_DTOSTR_BUF_SIZE];

        g_string_append_c (line, ',');
        json_string (line, key);
        g_string_append_printf (line, ":%s",
                                isfinite (d) ? g_ascii_dtostr (number, sizeof number, d) : "null");
      }
      g_variant_unref (value);
    }
  }
  event_emit (line);
}

static void
watch_signal (Watched *w, MdDbusObject *object)
{
  static const char *const technologies[] = { "cdma", "evdo", "gsm", "umts", "lte", "nr5g" };

  if (w->sig)
    return;
  w->sig = md_dbus_object_get_modem_signal (object);
  for (guint i = 0; w->sig && i < G_N_ELEMENTS (technologies); i++) {
    g_autofree char *detail = g_strdup_printf ("notify::%s", technologies[i]);

    g_signal_connect (w->sig, detail, G_CALLBACK (on_extended_signal), w);
  }
}

static void
watch_3gpp (Watched *w, MdDbusObject *object)
{
  if (w->gpp)
    return;
  w->gpp = md_dbus_object_get_modem_modem3gpp (object);
  if (w->gpp) {
    g_signal_connect (w->gpp, "notify::registration-state", G_CALLBACK (on_registration), w);
    g_signal_connect (w->gpp, "notify::operator-code", G_CALLBACK (on_registration), w);
    g_signal_connect (w->gpp, "notify::operator-name", G_CALLBACK (on_registration), w);
  }
}

static void
watched_free (gpointer data)
{
  Watched *w = data;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, w->bearers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_signal_handlers_disconnect_by_data (value, w);
  g_hash_table_unref (w->bearers);
  if (w->gpp)
    g_signal_handlers_disconnect_by_data (w->gpp, w);
  g_clear_object (&w->gpp);
  if (w->sig)
    g_signal_handlers_disconnect_by_data (w->sig, w);
  g_clear_object (&w->sig);
  g_signal_handlers_disconnect_by_data (w->modem, w);
  g_clear_object (&w->modem);
  g_free (w->last_registration);
  g_free (w->path);
  g_free (w);
}

static void
watch_modem (Monitor *m, GDBusObject *object)
{
  MdDbusModem *modem = md_dbus_object_get_modem (MD_DBUS_OBJECT (object));
  Watched *w;
  GString *line;

  if (!modem)
    return;
  w = g_new0 (Watched, 1);
  w->ctx = m->ctx;
  w->path = g_strdup (g_dbus_object_get_object_path (object));
  w->modem = modem;
  w->bearers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_hash_table_replace (m->modems, g_strdup (w->path), w);
  watch_3gpp (w, MD_DBUS_OBJECT (object));
  watch_signal (w, MD_DBUS_OBJECT (object));
  sync_bearers (w, FALSE);

  line = event_new ("modem-added", w->path);
  event_add (line, "state", state_nick (md_dbus_modem_get_state (modem)));
  if (w->gpp)
    add_registration (line, w->gpp);
  event_emit (line);
  g_signal_connect (modem, "state-changed", G_CALLBACK (on_state_changed), w);
  g_signal_connect (modem, "notify::signal-quality", G_CALLBACK (on_signal_quality), w);
  g_signal_connect (modem, "notify::access-technologies", G_CALLBACK (on_access_technologies), w);
  g_signal_connect (modem, "notify::bearers", G_CALLBACK (on_bearers), w);
}

static void
on_object_added (GDBusObjectManager *manager, GDBusObject *object, gpointer user_data)
{
  watch_modem (user_data, object);
}

static void
on_object_removed (GDBusObjectManager *manager, GDBusObject *object, gpointer user_data)
{
  Monitor *m = user_data;
  const char *path = g_dbus_object_get_object_path (object);

  if (g_hash_table_remove (m->modems, path))
    event_emit (event_new ("modem-removed", path));
}

static void
on_interface_added (GDBusObjectManager *manager, GDBusObject *object, GDBusInterface *iface,
                    gpointer user_data)
{
  Monitor *m = user_data;
  Watched *w = g_hash_table_lookup (m->modems, g_dbus_object_get_object_path (object));

  if (w) {
    watch_3gpp (w, MD_DBUS_OBJECT (object));
    watch_signal (w, MD_DBUS_OBJECT (object));
  }
}

/* The daemon started or stopped (the object manager then adds or removes
 * its modems by itself). */
static void
on_name_owner (GObject *manager, GParamSpec *pspec, gpointer user_data)
{
  g_autofree char *owner
    = g_dbus_object_manager_client_get_name_owner (G_DBUS_OBJECT_MANAGER_CLIENT (manager));

  event_emit (event_new (owner ? "daemon-appeared" : "daemon-vanished", NULL));
}

static gboolean
on_quit_signal (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_CONTINUE;
}

gboolean
mc_run_monitor (McContext *ctx, GError **error)
{
  Monitor m = { ctx, NULL, NULL };
  GList *objects;
  guint sigint, sigterm;

  m.modems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, watched_free);
  m.loop = g_main_loop_new (NULL, FALSE);
  objects = g_dbus_object_manager_get_objects (ctx->manager);
  for (GList *l = objects; l; l = l->next)
    watch_modem (&m, l->data);
  g_list_free_full (objects, g_object_unref);
  g_signal_connect (ctx->manager, "object-added", G_CALLBACK (on_object_added), &m);
  g_signal_connect (ctx->manager, "object-removed", G_CALLBACK (on_object_removed), &m);
  g_signal_connect (ctx->manager, "interface-added", G_CALLBACK (on_interface_added), &m);
  g_signal_connect (ctx->manager, "notify::name-owner", G_CALLBACK (on_name_owner), &m);
  sigint = g_unix_signal_add (SIGINT, on_quit_signal, m.loop);
  sigterm = g_unix_signal_add (SIGTERM, on_quit_signal, m.loop);
  g_main_loop_run (m.loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_signal_handlers_disconnect_by_data (ctx->manager, &m);
  g_hash_table_unref (m.modems);
  g_main_loop_unref (m.loop);
  return TRUE;
}
