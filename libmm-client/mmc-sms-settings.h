/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* MmcSmsSettings: a new SMS as the a{sv} dictionary of Messaging.Create. */
#pragma once

#include <gio/gio.h>

#include "mmc-enums.h"

G_BEGIN_DECLS

#define MMC_TYPE_SMS_SETTINGS (mmc_sms_settings_get_type ())

typedef struct _MmcSmsSettings MmcSmsSettings;

GType mmc_sms_settings_get_type (void) G_GNUC_CONST;

MmcSmsSettings *mmc_sms_settings_new (void);
MmcSmsSettings *mmc_sms_settings_new_from_variant (GVariant *dictionary, GError **error);
MmcSmsSettings *mmc_sms_settings_copy (const MmcSmsSettings *self);
void mmc_sms_settings_free (MmcSmsSettings *self);
GVariant *mmc_sms_settings_to_variant (const MmcSmsSettings *self);

void mmc_sms_settings_set_number (MmcSmsSettings *self, const char *number);
const char *mmc_sms_settings_get_number (const MmcSmsSettings *self);
void mmc_sms_settings_set_text (MmcSmsSettings *self, const char *text);
const char *mmc_sms_settings_get_text (const MmcSmsSettings *self);
void mmc_sms_settings_set_data (MmcSmsSettings *self, GBytes *data);
GBytes *mmc_sms_settings_get_data (const MmcSmsSettings *self);
void mmc_sms_settings_set_validity_relative (MmcSmsSettings *self, guint minutes);
guint mmc_sms_settings_get_validity_relative (const MmcSmsSettings *self);
void mmc_sms_settings_set_message_class (MmcSmsSettings *self, gint message_class);
gint mmc_sms_settings_get_message_class (const MmcSmsSettings *self);
void mmc_sms_settings_set_delivery_report_request (MmcSmsSettings *self, gboolean request);
gboolean mmc_sms_settings_get_delivery_report_request (const MmcSmsSettings *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MmcSmsSettings, mmc_sms_settings_free)

G_END_DECLS
