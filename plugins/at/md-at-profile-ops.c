/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Profile ops over AT: the modem's PDP contexts. +CGDCONT? lists them,
 * +CGDCONT=<cid>,"<type>",<apn> stores one (the APN only through
 * md_at_quote), +CGDCONT=<cid> deletes one. A new profile takes the
 * lowest free cid. */
#include "md-at-ops.h"

#include "md-at-op.h"
#include "md-at-pdp.h"
#include "md-at-quote.h"
#include "md-errors.h"

/* Where a new profile is looked for a free cid; the modem refuses cids
 * beyond its own range itself. */
#define NEW_CID_MAX 24

static gpointer
parse_profiles (const char *response, GError **error)
{
  g_autoptr (GPtrArray) contexts = md_at_parse_cgdcont_query (response, error);
  GPtrArray *profiles;

  if (!contexts)
    return NULL;
  profiles = g_ptr_array_new_with_free_func ((GDestroyNotify)md_profile_free);
  for (guint i = 0; i < contexts->len; i++) {
    const MdAtPdpContext *context = g_ptr_array_index (contexts, i);
    MdProfile *profile = g_new0 (MdProfile, 1);

    profile->id = (gint)context->cid;
    profile->apn = g_strdup (context->apn);
    profile->ip_type = context->ip_type;
    g_ptr_array_add (profiles, profile);
  }
  return profiles;
}

static void
at_list (MdModem *modem, GTask *task)
{
  md_at_op_pointer (modem, task, "AT+CGDCONT?", MD_AT_TIMEOUT_SHORT_MS, parse_profiles,
                    (GDestroyNotify)g_ptr_array_unref);
}

static gboolean
stores_id (GPtrArray *profiles, gint id)
{
  for (guint i = 0; i < profiles->len; i++) {
    if (((MdProfile *)g_ptr_array_index (profiles, i))->id == id)
      return TRUE;
  }
  return FALSE;
}

/* --- set ---------------------------------------------------------------------- */

static void
stored_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error)) {
    g_task_return_error (task, error);
    return;
  }
  g_task_return_pointer (task, md_profile_copy (g_task_get_task_data (task)),
                         (GDestroyNotify)md_profile_free);
}

static void
store (MdModem *modem, GTask *task)
{
  MdProfile *profile = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *apn = md_at_quote (profile->apn ? profile->apn : "", &error);
  g_autofree char *command = NULL;
  const char *type;

  if (profile->ip_type == MD_BEARER_IP_FAMILY_NONE)
    profile->ip_type = (md_modem_get_ip_families (modem) & MD_BEARER_IP_FAMILY_IPV4V6)
                         ? MD_BEARER_IP_FAMILY_IPV4V6
                         : MD_BEARER_IP_FAMILY_IPV4;
  type = md_at_pdp_type_for_ip_type (profile->ip_type);
  if (!apn || !type) {
    if (!error)
      error = g_error_new (MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "IP type 0x%x cannot be stored",
                           profile->ip_type);
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  command = g_strdup_printf ("AT+CGDCONT=%d,\"%s\",%s", profile->id, type, apn);
  md_at_op_boolean (modem, g_task_new (modem, NULL, stored_ready, task), command, MD_AT_TIMEOUT_SHORT_MS);
}

static void
list_for_new_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  MdProfile *profile = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (GPtrArray) profiles = g_task_propagate_pointer (G_TASK (result), &error);

  if (!profiles) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  profile->id = md_profiles_lowest_free_id (profiles, NEW_CID_MAX);
  if (profile->id > 0) {
    store (MD_MODEM (source), task);
    return;
  }
  g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_TOO_MANY,
                           "No free context id for a new profile");
  g_object_unref (task);
}

static void
at_set (MdModem *modem, const MdProfile *profile, GTask *task)
{
  g_task_set_task_data (task, md_profile_copy (profile), (GDestroyNotify)md_profile_free);
  if (profile->id > 0) {
    store (modem, task);
    return;
  }
  at_list (modem, g_task_new (modem, NULL, list_for_new_ready, task));
}

/* --- delete -------------------------------------------------------------------- */

static void
deleted_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
list_for_delete_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  gint id = GPOINTER_TO_INT (g_task_get_task_data (task));
  GError *error = NULL;
  g_autoptr (GPtrArray) profiles = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *command = NULL;

  if (!profiles) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  if (!stores_id (profiles, id)) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_NOT_FOUND, "No profile %d", id);
    g_object_unref (task);
    return;
  }
  command = g_strdup_printf ("AT+CGDCONT=%d", id);
  /* A task of its own: md_at_op reads its task's data. */
  md_at_op_boolean (MD_MODEM (source), g_task_new (source, NULL, deleted_ready, task), command,
                    MD_AT_TIMEOUT_SHORT_MS);
}

static void
at_delete (MdModem *modem, gint id, GTask *task)
{
  g_task_set_task_data (task, GINT_TO_POINTER (id), NULL);
  at_list (modem, g_task_new (modem, NULL, list_for_delete_ready, task));
}

const MdModemProfileOps md_at_profile_ops = {
  .list = at_list,
  .set = at_set,
  .delete = at_delete,
};
