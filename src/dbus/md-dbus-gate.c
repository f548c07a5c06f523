/* SPDX-License-Identifier: GPL-2.0-or-later */
/* See md-dbus-gate.h. GLib emits g-authorize-method in a worker thread; the
 * handler only takes references and moves the call to the main context,
 * where it is authorized asynchronously and then dispatched through the
 * skeleton's own vtable, as GLib would have done. */
#include "md-dbus-gate.h"

#include "md-errors.h"
#include "md-log.h"

typedef struct {
  MdAuthorizer *authorizer;
  const MdDbusGateTable *table;
  GMainContext *context;
} Gate;

/* One call between g-authorize-method and its dispatch. It holds the
 * skeleton, not the export behind the handlers: the export may be freed
 * meanwhile, and then the skeleton is unexported. */
typedef struct {
  GDBusInterfaceSkeleton *skeleton;
  GDBusMethodInvocation *invocation;
  MdAuthorizer *authorizer;
  const MdDbusGateTable *table;
  const MdDbusGateRule *rule;
} GateCall;

static void
gate_free (gpointer data, GClosure *closure)
{
  Gate *gate = data;

  md_authorizer_unref (gate->authorizer);
  g_main_context_unref (gate->context);
  g_free (gate);
}

static void
gate_call_free (GateCall *call)
{
  g_clear_object (&call->invocation);
  g_object_unref (call->skeleton);
  md_authorizer_unref (call->authorizer);
  g_free (call);
}

static void
gate_call_refuse (GateCall *call, GQuark domain, int code, const char *message)
{
  GDBusMethodInvocation *invocation = g_steal_pointer (&call->invocation);

  md_log_message (MD_LOG_LEVEL_DEBUG, NULL, "%s.%s from %s refused: %s",
                  g_dbus_method_invocation_get_interface_name (invocation),
                  g_dbus_method_invocation_get_method_name (invocation),
                  g_dbus_method_invocation_get_sender (invocation), message);
  g_dbus_method_invocation_return_error_literal (invocation, domain, code, message);
  gate_call_free (call);
}

static void
gate_call_dispatch (GateCall *call)
{
  GDBusMethodInvocation *invocation = call->invocation;
  GDBusConnection *connection = g_dbus_method_invocation_get_connection (invocation);
  const char *interface = g_dbus_method_invocation_get_interface_name (invocation);
  const char *method = g_dbus_method_invocation_get_method_name (invocation);
  g_autofree char *message = NULL;

  if (!call->rule->implemented) {
    message = g_strdup_printf ("%s.%s is not supported by modemd yet", interface, method);
    gate_call_refuse (call, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, message);
    return;
  }
  if (!g_dbus_interface_skeleton_has_connection (call->skeleton, connection)) {
    message = g_strdup_printf ("%s went away while %s.%s was being authorized",
                               g_dbus_method_invocation_get_object_path (invocation), interface, method);
    gate_call_refuse (call, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT, message);
    return;
  }
  /* The vtable's method_call takes over the invocation's reference. */
  g_dbus_interface_skeleton_get_vtable (call->skeleton)
    ->method_call (connection, g_dbus_method_invocation_get_sender (invocation),
                   g_dbus_method_invocation_get_object_path (invocation), interface, method,
                   g_dbus_method_invocation_get_parameters (invocation), g_steal_pointer (&call->invocation),
                   call->skeleton);
  gate_call_free (call);
}

static void
authorize_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GateCall *call = user_data;
  g_autoptr (GError) error = NULL;

  if (!md_authorizer_check_finish (call->authorizer, result, &error)) {
    gate_call_refuse (call, error->domain, error->code, error->message);
    return;
  }
  gate_call_dispatch (call);
}

static gboolean
gate_call_start (gpointer user_data)
{
  GateCall *call = user_data;
  GDBusMethodInvocation *invocation = call->invocation;
  GDBusMessage *message = g_dbus_method_invocation_get_message (invocation);
  gboolean interactive
    = (g_dbus_message_get_flags (message) & G_DBUS_MESSAGE_FLAGS_ALLOW_INTERACTIVE_AUTHORIZATION) != 0;
  g_autofree char *why = NULL;

  call->rule = md_dbus_gate_rule_lookup (call->table, g_dbus_method_invocation_get_method_name (invocation));
  if (!call->rule) {
    why = g_strdup_printf ("%s.%s has no authorization rule in modemd",
                           g_dbus_method_invocation_get_interface_name (invocation),
                           g_dbus_method_invocation_get_method_name (invocation));
    gate_call_refuse (call, MD_CORE_ERROR, MD_CORE_ERROR_UNAUTHORIZED, why);
    return G_SOURCE_REMOVE;
  }
  if (!call->rule->action) {
    gate_call_dispatch (call);
    return G_SOURCE_REMOVE;
  }
  md_authorizer_check_async (call->authorizer, g_dbus_method_invocation_get_connection (invocation),
                             g_dbus_method_invocation_get_sender (invocation), call->rule->action,
                             interactive, authorize_ready, call);
  return G_SOURCE_REMOVE;
}

/* Runs in a GLib worker thread: touches nothing but references. */
static gboolean
authorize_method (GDBusInterfaceSkeleton *skeleton, GDBusMethodInvocation *invocation, gpointer user_data)
{
  Gate *gate = user_data;
  GateCall *call = g_new0 (GateCall, 1);

  call->skeleton = g_object_ref (skeleton);
  /* GLib hands the method handler a reference of its own and, when this
   * handler returns FALSE, releases none: the call adopts that reference
   * (taking another leaks every call with its message). */
  call->invocation = invocation;
  call->authorizer = md_authorizer_ref (gate->authorizer);
  call->table = gate->table;
  g_main_context_invoke (gate->context, gate_call_start, call);
  /* FALSE: GLib does not dispatch; gate_call_start answers or dispatches. */
  return FALSE;
}

void
md_dbus_gate_install (GDBusInterfaceSkeleton *skeleton, MdAuthorizer *authorizer)
{
  Gate *gate = g_new0 (Gate, 1);
  const char *interface = g_dbus_interface_skeleton_get_info (skeleton)->name;

  gate->authorizer = md_authorizer_ref (authorizer);
  gate->table = md_dbus_gate_table_lookup (interface);
  gate->context = g_main_context_ref_thread_default ();
  if (!gate->table)
    md_log_message (MD_LOG_LEVEL_ERR, NULL, "no gate rules for %s: all its methods are refused", interface);
  g_signal_connect_data (skeleton, "g-authorize-method", G_CALLBACK (authorize_method), gate, gate_free, 0);
}
