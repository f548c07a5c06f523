/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The modem's stored contexts (Modem3gpp.ProfileManager): list, set and
 * delete through the profile ops. */
#pragma once

#include "md-modem.h"

G_BEGIN_DECLS

gboolean md_modem_has_profiles (MdModem *self);

/* Returns a GPtrArray of MdProfile*. */
void md_modem_profiles_list_async (MdModem *self, GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *md_modem_profiles_list_finish (MdModem *self, GAsyncResult *result, GError **error);

/* profile as the D-Bus layer validated it (an APN; id -1 for a new one).
 * Returns the MdProfile* stored. */
void md_modem_profiles_set_async (MdModem *self, const MdProfile *profile, GAsyncReadyCallback callback,
                                  gpointer user_data);
MdProfile *md_modem_profiles_set_finish (MdModem *self, GAsyncResult *result, GError **error);

void md_modem_profiles_delete_async (MdModem *self, gint id, GAsyncReadyCallback callback,
                                     gpointer user_data);
gboolean md_modem_profiles_delete_finish (MdModem *self, GAsyncResult *result, GError **error);

G_END_DECLS
