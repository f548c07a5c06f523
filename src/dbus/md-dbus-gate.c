/* SPDX-License-Identifier: GPL-2.0-or-later */
/* See md-dbus-gate.h. The gate replaces the method_call of a skeleton
 * class's vtable (GDBusInterfaceSkeletonClass.get_vtable) with its own,
 * which GLib calls in the main context where the object was exported; a
 * call is authorized asynchronously there and then dispatched through the
 * generated method_call. GLib's g-authorize-method would do the same
 * through a worker thread and back, two thread hops on every call. */
#include "md-dbus-gate.h"

#include "md-errors.h"
#include "md-log.h"

/* Per skeleton class: the vtable GLib gets, and the generated one. */
typedef struct {
  GDBusInterfaceVTable vtable;
  const GDBusInterfaceVTable *generated;
} GatedClass;

/* Per skeleton. */
typedef struct {
  MdAuthorizer *authorizer;
  const MdDbusGateTable *table;
} Gate;

/* One call between its arrival and its dispatch. It holds the skeleton,
 * not the export behind the handlers: the export may be freed meanwhile,
 * and then the skeleton is unexported. */
typedef struct {
  GDBusInterfaceSkeleton *skeleton;
  const GDBusInterfaceVTable *generated;
  GDBusMethodInvocation *invocation;
  MdAuthorizer *authorizer;
  const MdDbusGateTable *table;
  const MdDbusGateRule *rule;
} GateCall;

static void
gate_free (gpointer data)
{
  Gate *gate = data;

  md_authorizer_unref (gate->authorizer);
  g_free (gate);
}

static GQuark
gate_quark (void)
{
  return g_quark_from_static_string ("md-dbus-gate");
}

static GQuark
gated_class_quark (void)
{
  return g_quark_from_static_string ("md-dbus-gated-class");
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
  /* The generated method_call takes over the invocation's reference. */
  call->generated->method_call (connection, g_dbus_method_invocation_get_sender (invocation),
                                g_dbus_method_invocation_get_object_path (invocation), interface, method,
                                g_dbus_method_invocation_get_parameters (invocation),
                                g_steal_pointer (&call->invocation), call->skeleton);
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

static void
gate_call_start (GateCall *call)
{
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
    return;
  }
  if (!call->rule->action) {
    gate_call_dispatch (call);
    return;
  }
  md_authorizer_check_async (call->authorizer, g_dbus_method_invocation_get_connection (invocation),
                             g_dbus_method_invocation_get_sender (invocation), call->rule->action,
                             interactive, authorize_ready, call);
}

static const GatedClass *
gated_class_of (GDBusInterfaceSkeleton *skeleton)
{
  for (GType type = G_OBJECT_TYPE (skeleton); type; type = g_type_parent (type)) {
    const GatedClass *gated = g_type_get_qdata (type, gated_class_quark ());

    if (gated)
      return gated;
  }
  return NULL;
}

/* GLib's method_call for every gated class: user_data is the skeleton
 * (GLib exports it so), and invocation comes with a reference of its own,
 * which the call adopts. A skeleton of a gated class exported without
 * md_dbus_gate_install has no gate of its own: its calls are refused. */
static void
gate_method_call (GDBusConnection *connection, const char *sender, const char *object_path,
                  const char *interface_name, const char *method_name, GVariant *parameters,
                  GDBusMethodInvocation *invocation, gpointer user_data)
{
  GDBusInterfaceSkeleton *skeleton = user_data;
  Gate *gate = g_object_get_qdata (G_OBJECT (skeleton), gate_quark ());
  GateCall *call;

  if (!gate) {
    g_dbus_method_invocation_return_error (invocation, MD_CORE_ERROR, MD_CORE_ERROR_UNAUTHORIZED,
                                           "%s.%s has no gate in modemd", interface_name, method_name);
    return;
  }
  call = g_new0 (GateCall, 1);
  call->skeleton = g_object_ref (skeleton);
  call->generated = gated_class_of (skeleton)->generated;
  call->invocation = invocation;
  call->authorizer = md_authorizer_ref (gate->authorizer);
  call->table = gate->table;
  gate_call_start (call);
}

static GDBusInterfaceVTable *
gated_get_vtable (GDBusInterfaceSkeleton *skeleton)
{
  /* The vtable is only read; GLib's signature is not const. */
  return (GDBusInterfaceVTable *)&gated_class_of (skeleton)->vtable;
}

/* Once per class: every skeleton of it goes through gate_method_call. A
 * subclass set up after its parent was gated inherits gated_get_vtable,
 * and gated_class_of finds the parent's: it is gated already (gating it
 * again would take the gate for the generated vtable, and every call
 * would come back to the gate). */
static void
gate_class (GDBusInterfaceSkeleton *skeleton)
{
  GDBusInterfaceSkeletonClass *klass = G_DBUS_INTERFACE_SKELETON_GET_CLASS (skeleton);
  GatedClass *gated;

  if (klass->get_vtable == gated_get_vtable)
    return;
  gated = g_new0 (GatedClass, 1);
  gated->generated = klass->get_vtable (skeleton);
  gated->vtable = *gated->generated;
  gated->vtable.method_call = gate_method_call;
  /* Kept for the life of the process, as the class is. */
  g_type_set_qdata (G_OBJECT_TYPE (skeleton), gated_class_quark (), gated);
  klass->get_vtable = gated_get_vtable;
}

void
md_dbus_gate_install (GDBusInterfaceSkeleton *skeleton, MdAuthorizer *authorizer)
{
  Gate *gate = g_new0 (Gate, 1);
  const char *interface = g_dbus_interface_skeleton_get_info (skeleton)->name;

  g_return_if_fail (!g_dbus_interface_skeleton_get_connection (skeleton));
  gate->authorizer = md_authorizer_ref (authorizer);
  gate->table = md_dbus_gate_table_lookup (interface);
  if (!gate->table)
    md_log_message (MD_LOG_LEVEL_ERR, NULL, "no gate rules for %s: all its methods are refused", interface);
  g_object_set_qdata_full (G_OBJECT (skeleton), gate_quark (), gate, gate_free);
  gate_class (skeleton);
}
