/* SPDX-License-Identifier: GPL-2.0-or-later */
/* See md-dbus-gate.h. Uses GDBusInterfaceSkeleton's g-authorize-method
 * signal, which runs before any handle-* signal. */
#include "md-dbus-gate.h"

#include "md-errors.h"

static gboolean
authorize_method (GDBusInterfaceSkeleton *skeleton, GDBusMethodInvocation *invocation, gpointer user_data)
{
  const char *const *implemented = user_data;
  const char *method = g_dbus_method_invocation_get_method_name (invocation);

  if (g_strv_contains (implemented, method))
    return TRUE;
  /* Refusing here means answering here. GLib hands the method handler a
   * reference of its own and, when the call is refused, releases none: the
   * error reply consumes that reference. Taking another one (as the signal's
   * documentation suggests) leaks the call and its message. */
  g_dbus_method_invocation_return_error (invocation, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED,
                                         "%s.%s is not supported by modemd yet",
                                         g_dbus_method_invocation_get_interface_name (invocation), method);
  return FALSE;
}

void
md_dbus_gate_install (GDBusInterfaceSkeleton *skeleton, const char *const *implemented)
{
  /* The lists are static tables; nothing to free. */
  g_signal_connect (skeleton, "g-authorize-method", G_CALLBACK (authorize_method), (gpointer)implemented);
}
