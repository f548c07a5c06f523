/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Stored contexts: MdProfile and the calls that reach the profile ops.
 * Changing a profile does not change the modem's state, so these calls
 * are not serialized with enable or connect; the modem itself orders its
 * commands. */
#include "md-modem-profiles.h"

#include "md-errors.h"

MdProfile *
md_profile_copy (const MdProfile *profile)
{
  MdProfile *copy = g_new0 (MdProfile, 1);

  copy->id = profile->id;
  copy->apn = g_strdup (profile->apn);
  copy->ip_type = profile->ip_type;
  return copy;
}

void
md_profile_free (MdProfile *profile)
{
  if (!profile)
    return;
  g_free (profile->apn);
  g_free (profile);
}

gint
md_profiles_lowest_free_id (GPtrArray *profiles, gint max)
{
  for (gint id = 1; id <= max; id++) {
    gboolean used = FALSE;

    for (guint i = 0; i < profiles->len && !used; i++)
      used = ((MdProfile *)g_ptr_array_index (profiles, i))->id == id;
    if (!used)
      return id;
  }
  return -1;
}

gboolean
md_modem_has_profiles (MdModem *self)
{
  const MdModemProfileOps *ops = md_modem_get_ops (self)->profiles;

  return ops && ops->list && ops->set;
}

/* A task for callback, or NULL after failing it when the modem has no
 * profile ops. */
static GTask *
start (MdModem *self, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);

  if (md_modem_has_profiles (self))
    return task;
  g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "The modem stores no profiles");
  g_object_unref (task);
  return NULL;
}

void
md_modem_profiles_list_async (MdModem *self, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = start (self, callback, user_data);

  if (task)
    md_modem_get_ops (self)->profiles->list (self, task);
}

GPtrArray *
md_modem_profiles_list_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
md_modem_profiles_set_async (MdModem *self, const MdProfile *profile, GAsyncReadyCallback callback,
                             gpointer user_data)
{
  GTask *task = start (self, callback, user_data);

  if (task)
    md_modem_get_ops (self)->profiles->set (self, profile, task);
}

MdProfile *
md_modem_profiles_set_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
md_modem_profiles_delete_async (MdModem *self, gint id, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = start (self, callback, user_data);

  if (!task)
    return;
  if (!md_modem_get_ops (self)->profiles->delete) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED,
                             "The modem cannot delete profiles");
    g_object_unref (task);
    return;
  }
  md_modem_get_ops (self)->profiles->delete (self, id, task);
}

gboolean
md_modem_profiles_delete_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
