/* SPDX-License-Identifier: GPL-2.0-or-later */
/* See md-pending-call.h. */
#include "md-pending-call.h"

MdPendingCall *
md_pending_call_new (GDBusMethodInvocation *invocation, MdModem *modem, gpointer object)
{
  MdPendingCall *call = g_new0 (MdPendingCall, 1);

  /* The handler owns the invocation; answering it consumes that. */
  call->invocation = invocation;
  call->modem = modem ? g_object_ref (modem) : NULL;
  call->object = object ? g_object_ref (object) : NULL;
  return call;
}

static void
md_pending_call_free (MdPendingCall *call)
{
  g_clear_object (&call->object);
  g_clear_object (&call->modem);
  g_free (call);
}

void
md_pending_call_fail (MdPendingCall *call, GError *error)
{
  g_dbus_method_invocation_take_error (call->invocation, error);
  md_pending_call_free (call);
}

void
md_pending_call_return (MdPendingCall *call, GVariant *value)
{
  g_dbus_method_invocation_return_value (call->invocation, value);
  md_pending_call_free (call);
}

void
md_pending_call_boolean_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  MdPendingCall *call = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    md_pending_call_fail (call, error);
  else
    md_pending_call_return (call, NULL);
}
