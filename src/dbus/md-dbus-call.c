/* SPDX-License-Identifier: GPL-2.0-or-later */
/* See md-dbus-call.h. */
#include "md-dbus-call.h"

MdDbusCall *
md_dbus_call_new (GDBusMethodInvocation *invocation, MdModem *modem, gpointer object)
{
  MdDbusCall *call = g_new0 (MdDbusCall, 1);

  /* The handler owns the invocation; answering it consumes that. */
  call->invocation = invocation;
  call->modem = modem ? g_object_ref (modem) : NULL;
  call->object = object ? g_object_ref (object) : NULL;
  return call;
}

static void
md_dbus_call_free (MdDbusCall *call)
{
  g_clear_object (&call->object);
  g_clear_object (&call->modem);
  g_free (call);
}

void
md_dbus_call_fail (MdDbusCall *call, GError *error)
{
  g_dbus_method_invocation_take_error (call->invocation, error);
  md_dbus_call_free (call);
}

void
md_dbus_call_return (MdDbusCall *call, GVariant *value)
{
  g_dbus_method_invocation_return_value (call->invocation, value);
  md_dbus_call_free (call);
}
