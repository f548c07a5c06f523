/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The gate on a private bus: a caller, the "daemon" side with generated
 * skeletons behind the gate, and a fake polkit, each on its own connection.
 * Checks refusal, dispatch, the interactive flag, unimplemented methods,
 * polkit being absent, and a skeleton unexported while polkit thinks. */
#include <string.h>

#include <gio/gio.h>

#include "dbus-errors.h"
#include "fake-polkit.h"
#include "md-dbus-gate.h"
#include "md-dbus-generated.h"

#define BEARER_PATH  "/test/Bearer/1"
#define MODEM_PATH   "/test/Modem/1"
#define BEARER       "org.freedesktop.ModemManager1.Bearer"
#define MODEM        "org.freedesktop.ModemManager1.Modem"
#define UNAUTHORIZED "org.freedesktop.ModemManager1.Error.Core.Unauthorized"
#define UNSUPPORTED  "org.freedesktop.ModemManager1.Error.Core.Unsupported"

/* A skeleton of an interface the gate has no table for. */
typedef struct {
  GDBusInterfaceSkeleton parent;
  guint calls;
} UnlistedSkeleton;
typedef struct {
  GDBusInterfaceSkeletonClass parent_class;
} UnlistedSkeletonClass;
GType unlisted_skeleton_get_type (void);
G_DEFINE_TYPE (UnlistedSkeleton, unlisted_skeleton, G_TYPE_DBUS_INTERFACE_SKELETON)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UnlistedSkeleton, g_object_unref)

static GDBusInterfaceInfo *
unlisted_get_info (GDBusInterfaceSkeleton *skeleton)
{
  static GDBusNodeInfo *node;

  if (!node)
    node = g_dbus_node_info_new_for_xml (
      "<node><interface name='org.example.Unlisted'><method name='Poke'/></interface></node>", NULL);
  return node->interfaces[0];
}

static void
unlisted_method_call (GDBusConnection *connection, const char *sender, const char *path,
                      const char *interface, const char *method, GVariant *parameters,
                      GDBusMethodInvocation *invocation, gpointer user_data)
{
  ((UnlistedSkeleton *)user_data)->calls++;
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static GDBusInterfaceVTable *
unlisted_get_vtable (GDBusInterfaceSkeleton *skeleton)
{
  static GDBusInterfaceVTable vtable = { unlisted_method_call, NULL, NULL, { NULL } };

  return &vtable;
}

static GVariant *
unlisted_get_properties (GDBusInterfaceSkeleton *skeleton)
{
  return g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0);
}

static void
unlisted_flush (GDBusInterfaceSkeleton *skeleton)
{
}

static void
unlisted_skeleton_class_init (UnlistedSkeletonClass *klass)
{
  GDBusInterfaceSkeletonClass *skeleton_class = G_DBUS_INTERFACE_SKELETON_CLASS (klass);

  skeleton_class->get_info = unlisted_get_info;
  skeleton_class->get_vtable = unlisted_get_vtable;
  skeleton_class->get_properties = unlisted_get_properties;
  skeleton_class->flush = unlisted_flush;
}

static void
unlisted_skeleton_init (UnlistedSkeleton *self)
{
}

/* A subclass of a generated skeleton, set up after its parent was gated. */
typedef struct {
  MdDbusBearerSkeleton parent;
} DerivedBearer;
typedef struct {
  MdDbusBearerSkeletonClass parent_class;
} DerivedBearerClass;
GType derived_bearer_get_type (void);
G_DEFINE_TYPE (DerivedBearer, derived_bearer, MD_DBUS_TYPE_BEARER_SKELETON)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DerivedBearer, g_object_unref)

static void
derived_bearer_class_init (DerivedBearerClass *klass)
{
}

static void
derived_bearer_init (DerivedBearer *self)
{
}

typedef struct {
  GTestDBus *bus;
  GDBusConnection *service;
  GDBusConnection *caller;
  FakePolkit *polkit; /* NULL: nobody owns polkit's name */
  MdAuthorizer *authorizer;
  MdDbusBearer *bearer;
  MdDbusModem *modem;
  guint handled;
} Fixture;

typedef struct {
  gboolean done;
  GVariant *reply;
  GError *error;
} Reply;

static GDBusConnection *
connect_to (GTestDBus *bus)
{
  g_autoptr (GError) error = NULL;
  GDBusConnection *connection = g_dbus_connection_new_for_address_sync (
    g_test_dbus_get_bus_address (bus),
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION, NULL,
    NULL, &error);

  g_assert_no_error (error);
  return connection;
}

/* Iterates until condition holds; only a hang fails, after a generous limit. */
static void
wait_until (gboolean *condition)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (!*condition) {
    g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    g_main_context_iteration (NULL, TRUE);
  }
}

static gboolean
on_bearer_connect (MdDbusBearer *iface, GDBusMethodInvocation *invocation, gpointer user_data)
{
  Fixture *f = user_data;

  f->handled++;
  md_dbus_bearer_complete_connect (iface, invocation);
  return TRUE;
}

static gboolean
on_list_bearers (MdDbusModem *iface, GDBusMethodInvocation *invocation, gpointer user_data)
{
  static const char *const none[] = { NULL };
  Fixture *f = user_data;

  f->handled++;
  md_dbus_modem_complete_list_bearers (iface, invocation, none);
  return TRUE;
}

static void
export_skeletons (Fixture *f)
{
  g_autoptr (GError) error = NULL;

  f->bearer = md_dbus_bearer_skeleton_new ();
  md_dbus_gate_install (G_DBUS_INTERFACE_SKELETON (f->bearer), f->authorizer);
  g_signal_connect (f->bearer, "handle-connect", G_CALLBACK (on_bearer_connect), f);
  g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (f->bearer), f->service, BEARER_PATH, &error);
  g_assert_no_error (error);
  f->modem = md_dbus_modem_skeleton_new ();
  md_dbus_gate_install (G_DBUS_INTERFACE_SKELETON (f->modem), f->authorizer);
  g_signal_connect (f->modem, "handle-list-bearers", G_CALLBACK (on_list_bearers), f);
  g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (f->modem), f->service, MODEM_PATH, &error);
  g_assert_no_error (error);
}

static void
setup_mode (Fixture *f, MdAuthorizerMode mode, gboolean with_polkit)
{
  md_dbus_errors_register ();
  f->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (f->bus);
  f->service = connect_to (f->bus);
  f->caller = connect_to (f->bus);
  if (with_polkit)
    f->polkit = fake_polkit_new (connect_to (f->bus));
  if (f->polkit)
    g_object_unref (f->polkit->connection); /* the fake holds its own reference */
  f->authorizer = md_authorizer_new (mode);
  export_skeletons (f);
}

static void
setup (Fixture *f, gconstpointer data)
{
  setup_mode (f, MD_AUTHORIZER_POLKIT, TRUE);
}

static void
setup_no_polkit (Fixture *f, gconstpointer data)
{
  setup_mode (f, MD_AUTHORIZER_POLKIT, FALSE);
}

static void
setup_allow_all (Fixture *f, gconstpointer data)
{
  setup_mode (f, MD_AUTHORIZER_ALLOW_ALL, FALSE);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  if (f->bearer)
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (f->bearer));
  g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (f->modem));
  g_clear_object (&f->bearer);
  g_clear_object (&f->modem);
  g_clear_pointer (&f->polkit, fake_polkit_free);
  g_clear_pointer (&f->authorizer, md_authorizer_unref);
  g_clear_object (&f->caller);
  g_clear_object (&f->service);
  g_test_dbus_down (f->bus);
  g_clear_object (&f->bus);
}

static void
call_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Reply *reply = user_data;

  reply->reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &reply->error);
  reply->done = TRUE;
}

static void
call_async (Fixture *f, const char *path, const char *interface, const char *method, GVariant *args,
            GDBusCallFlags flags, Reply *reply)
{
  g_dbus_connection_call (f->caller, g_dbus_connection_get_unique_name (f->service), path, interface, method,
                          args, NULL, flags, G_MAXINT, NULL, call_ready, reply);
}

/* Calls and waits for the answer; returns the D-Bus error name or NULL. */
static char *
call (Fixture *f, const char *path, const char *interface, const char *method, GVariant *args,
      GDBusCallFlags flags, char **message)
{
  Reply reply = { 0 };
  char *name;

  call_async (f, path, interface, method, args, flags, &reply);
  wait_until (&reply.done);
  g_clear_pointer (&reply.reply, g_variant_unref);
  if (!reply.error)
    return NULL;
  name = g_dbus_error_get_remote_error (reply.error);
  if (message)
    *message = g_strdup (reply.error->message);
  g_error_free (reply.error);
  return name;
}

static void
test_denied (Fixture *f, gconstpointer data)
{
  g_autofree char *message = NULL;
  g_autofree char *error = call (f, BEARER_PATH, BEARER, "Connect", NULL, G_DBUS_CALL_FLAGS_NONE, &message);

  g_assert_cmpstr (error, ==, UNAUTHORIZED);
  g_assert_nonnull (strstr (message, MD_ACTION_DEVICE_CONTROL));
  g_assert_cmpuint (f->handled, ==, 0);
  g_assert_cmpuint (f->polkit->calls, ==, 1);
  g_assert_cmpstr (f->polkit->subject_kind, ==, "system-bus-name");
  g_assert_cmpstr (f->polkit->subject_name, ==, g_dbus_connection_get_unique_name (f->caller));
  g_assert_cmpstr (f->polkit->action, ==, MD_ACTION_DEVICE_CONTROL);
  g_assert_cmpuint (f->polkit->flags, ==, 0);
}

static void
test_allowed (Fixture *f, gconstpointer data)
{
  static const char *const allowed[] = { MD_ACTION_DEVICE_CONTROL, NULL };
  g_autofree char *error = NULL;

  fake_polkit_set_allowed (f->polkit, allowed);
  error = call (f, BEARER_PATH, BEARER, "Connect", NULL, G_DBUS_CALL_FLAGS_NONE, NULL);
  g_assert_null (error);
  g_assert_cmpuint (f->handled, ==, 1);
  g_assert_cmpuint (f->polkit->calls, ==, 1);
}

static void
test_other_action_does_not_help (Fixture *f, gconstpointer data)
{
  static const char *const allowed[] = { MD_ACTION_CONTROL, MD_ACTION_LOCATION, NULL };
  g_autofree char *error = NULL;

  fake_polkit_set_allowed (f->polkit, allowed);
  error = call (f, BEARER_PATH, BEARER, "Connect", NULL, G_DBUS_CALL_FLAGS_NONE, NULL);
  g_assert_cmpstr (error, ==, UNAUTHORIZED);
  g_assert_cmpuint (f->handled, ==, 0);
}

static void
test_interactive_flag (Fixture *f, gconstpointer data)
{
  g_autofree char *error
    = call (f, BEARER_PATH, BEARER, "Connect", NULL, G_DBUS_CALL_FLAGS_ALLOW_INTERACTIVE_AUTHORIZATION, NULL);

  g_assert_cmpstr (error, ==, UNAUTHORIZED);
  g_assert_cmpuint (f->polkit->flags, ==, 1);
}

static void
test_unimplemented_authorized_first (Fixture *f, gconstpointer data)
{
  static const char *const allowed[] = { MD_ACTION_DEVICE_CONTROL, NULL };
  g_autofree char *denied = call (f, MODEM_PATH, MODEM, "Reset", NULL, G_DBUS_CALL_FLAGS_NONE, NULL);
  g_autofree char *unsupported = NULL;

  g_assert_cmpstr (denied, ==, UNAUTHORIZED);
  fake_polkit_set_allowed (f->polkit, allowed);
  unsupported = call (f, MODEM_PATH, MODEM, "Reset", NULL, G_DBUS_CALL_FLAGS_NONE, NULL);
  g_assert_cmpstr (unsupported, ==, UNSUPPORTED);
  g_assert_cmpuint (f->polkit->calls, ==, 2);
}

static void
test_no_action_skips_polkit (Fixture *f, gconstpointer data)
{
  g_autofree char *error = call (f, MODEM_PATH, MODEM, "ListBearers", NULL, G_DBUS_CALL_FLAGS_NONE, NULL);

  g_assert_null (error);
  g_assert_cmpuint (f->handled, ==, 1);
  if (f->polkit)
    g_assert_cmpuint (f->polkit->calls, ==, 0);
}

static void
test_polkit_absent (Fixture *f, gconstpointer data)
{
  g_autofree char *message = NULL;
  g_autofree char *error = call (f, BEARER_PATH, BEARER, "Connect", NULL, G_DBUS_CALL_FLAGS_NONE, &message);

  g_assert_cmpstr (error, ==, UNAUTHORIZED);
  g_assert_nonnull (strstr (message, MD_ACTION_DEVICE_CONTROL));
  g_assert_nonnull (strstr (message, "polkit"));
  g_assert_cmpuint (f->handled, ==, 0);
}

static void
test_allow_all (Fixture *f, gconstpointer data)
{
  g_autofree char *error = call (f, BEARER_PATH, BEARER, "Connect", NULL, G_DBUS_CALL_FLAGS_NONE, NULL);
  g_autofree char *unsupported = call (f, MODEM_PATH, MODEM, "Reset", NULL, G_DBUS_CALL_FLAGS_NONE, NULL);

  g_assert_null (error);
  g_assert_cmpuint (f->handled, ==, 1);
  g_assert_cmpstr (unsupported, ==, UNSUPPORTED);
}

/* While polkit holds one answer, other calls are served. */
static void
test_calls_served_while_waiting (Fixture *f, gconstpointer data)
{
  static const char *const allowed[] = { MD_ACTION_DEVICE_CONTROL, NULL };
  Reply pending = { 0 };
  g_autofree char *error = NULL;

  f->polkit->hold = TRUE;
  call_async (f, BEARER_PATH, BEARER, "Connect", NULL, G_DBUS_CALL_FLAGS_NONE, &pending);
  while (f->polkit->held->len == 0)
    g_main_context_iteration (NULL, TRUE);
  error = call (f, MODEM_PATH, MODEM, "ListBearers", NULL, G_DBUS_CALL_FLAGS_NONE, NULL);
  g_assert_null (error);
  g_assert_cmpuint (f->handled, ==, 1);
  g_assert_false (pending.done);
  fake_polkit_set_allowed (f->polkit, allowed);
  fake_polkit_release (f->polkit);
  wait_until (&pending.done);
  g_assert_no_error (pending.error);
  g_clear_pointer (&pending.reply, g_variant_unref);
  g_assert_cmpuint (f->handled, ==, 2);
}

/* The export goes away (handlers disconnected, skeleton unexported and
 * dropped) while polkit thinks; the answer "yes" must not reach a handler. */
static void
test_unexported_while_waiting (Fixture *f, gconstpointer data)
{
  static const char *const allowed[] = { MD_ACTION_DEVICE_CONTROL, NULL };
  Reply pending = { 0 };
  g_autofree char *name = NULL;

  f->polkit->hold = TRUE;
  call_async (f, BEARER_PATH, BEARER, "Connect", NULL, G_DBUS_CALL_FLAGS_NONE, &pending);
  while (f->polkit->held->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_data (f->bearer, f);
  g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (f->bearer));
  g_clear_object (&f->bearer);
  fake_polkit_set_allowed (f->polkit, allowed);
  fake_polkit_release (f->polkit);
  wait_until (&pending.done);
  g_assert_nonnull (pending.error);
  name = g_dbus_error_get_remote_error (pending.error);
  g_assert_cmpstr (name, ==, "org.freedesktop.DBus.Error.UnknownObject");
  g_clear_error (&pending.error);
  g_assert_cmpuint (f->handled, ==, 0);
}

/* A method the gate has no rule for never reaches its handler. */
static void
test_no_rule_refused (Fixture *f, gconstpointer data)
{
  static const char *const allowed[] = { MD_ACTION_CONTROL, MD_ACTION_DEVICE_CONTROL, NULL };
  g_autoptr (UnlistedSkeleton) unlisted = g_object_new (unlisted_skeleton_get_type (), NULL);
  g_autoptr (GError) export_error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *error = NULL;

  fake_polkit_set_allowed (f->polkit, allowed);
  md_dbus_gate_install (G_DBUS_INTERFACE_SKELETON (unlisted), f->authorizer);
  g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (unlisted), f->service, "/test/Unlisted",
                                    &export_error);
  g_assert_no_error (export_error);
  error = call (f, "/test/Unlisted", "org.example.Unlisted", "Poke", NULL, G_DBUS_CALL_FLAGS_NONE, &message);
  g_assert_cmpstr (error, ==, UNAUTHORIZED);
  g_assert_nonnull (strstr (message, "org.example.Unlisted.Poke"));
  g_assert_cmpuint (unlisted->calls, ==, 0);
  g_assert_cmpuint (f->polkit->calls, ==, 0);
  g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (unlisted));
}

/* The gate is the method_call of the skeleton's class: a skeleton of a
 * gated class that never got a gate of its own is refused, not let by. */
static void
test_ungated_skeleton_refused (Fixture *f, gconstpointer data)
{
  static const char *const allowed[] = { MD_ACTION_CONTROL, MD_ACTION_DEVICE_CONTROL, NULL };
  g_autoptr (MdDbusBearer) ungated = md_dbus_bearer_skeleton_new ();
  g_autoptr (GError) export_error = NULL;
  g_autofree char *error = NULL;

  fake_polkit_set_allowed (f->polkit, allowed);
  g_signal_connect (ungated, "handle-connect", G_CALLBACK (on_bearer_connect), f);
  g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (ungated), f->service, "/test/Bearer/2",
                                    &export_error);
  g_assert_no_error (export_error);
  error = call (f, "/test/Bearer/2", BEARER, "Connect", NULL, G_DBUS_CALL_FLAGS_NONE, NULL);
  g_assert_cmpstr (error, ==, UNAUTHORIZED);
  g_assert_cmpuint (f->handled, ==, 0);
  g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (ungated));
}

/* The fixture gated the Bearer skeleton class first; a subclass's calls
 * are authorized once and reach its handler. */
static void
test_subclass_of_gated_class (Fixture *f, gconstpointer data)
{
  static const char *const allowed[] = { MD_ACTION_DEVICE_CONTROL, NULL };
  g_autoptr (DerivedBearer) derived = g_object_new (derived_bearer_get_type (), NULL);
  g_autoptr (GError) export_error = NULL;
  g_autofree char *error = NULL;

  fake_polkit_set_allowed (f->polkit, allowed);
  md_dbus_gate_install (G_DBUS_INTERFACE_SKELETON (derived), f->authorizer);
  g_signal_connect (derived, "handle-connect", G_CALLBACK (on_bearer_connect), f);
  g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (derived), f->service, "/test/Bearer/3",
                                    &export_error);
  g_assert_no_error (export_error);
  error = call (f, "/test/Bearer/3", BEARER, "Connect", NULL, G_DBUS_CALL_FLAGS_NONE, NULL);
  g_assert_null (error);
  g_assert_cmpuint (f->handled, ==, 1);
  g_assert_cmpuint (f->polkit->calls, ==, 1);
  g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (derived));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/gate/denied", Fixture, NULL, setup, test_denied, teardown);
  g_test_add ("/gate/allowed", Fixture, NULL, setup, test_allowed, teardown);
  g_test_add ("/gate/other-action", Fixture, NULL, setup, test_other_action_does_not_help, teardown);
  g_test_add ("/gate/interactive-flag", Fixture, NULL, setup, test_interactive_flag, teardown);
  g_test_add ("/gate/unimplemented", Fixture, NULL, setup, test_unimplemented_authorized_first, teardown);
  g_test_add ("/gate/no-action", Fixture, NULL, setup, test_no_action_skips_polkit, teardown);
  g_test_add ("/gate/no-action-no-polkit", Fixture, NULL, setup_no_polkit, test_no_action_skips_polkit,
              teardown);
  g_test_add ("/gate/polkit-absent", Fixture, NULL, setup_no_polkit, test_polkit_absent, teardown);
  g_test_add ("/gate/no-rule", Fixture, NULL, setup, test_no_rule_refused, teardown);
  g_test_add ("/gate/ungated-skeleton", Fixture, NULL, setup, test_ungated_skeleton_refused, teardown);
  g_test_add ("/gate/subclass", Fixture, NULL, setup, test_subclass_of_gated_class, teardown);
  g_test_add ("/gate/allow-all", Fixture, NULL, setup_allow_all, test_allow_all, teardown);
  g_test_add ("/gate/served-while-waiting", Fixture, NULL, setup, test_calls_served_while_waiting, teardown);
  g_test_add ("/gate/unexported-while-waiting", Fixture, NULL, setup, test_unexported_while_waiting,
              teardown);
  return g_test_run ();
}
