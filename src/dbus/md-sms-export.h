/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Publishes one message as /org/freedesktop/ModemManager1/SMS/N. */
#pragma once

#include <gio/gio.h>

#include "md-authorizer.h"
#include "md-modem.h"
#include "md-sms.h"

G_BEGIN_DECLS

typedef struct _MdSmsExport MdSmsExport;

MdSmsExport *md_sms_export_new (MdModem *modem, MdSms *sms, GDBusObjectManagerServer *object_manager,
                                MdAuthorizer *authorizer);
void md_sms_export_free (MdSmsExport *self);
const char *md_sms_export_get_path (MdSmsExport *self);
MdSms *md_sms_export_get_sms (MdSmsExport *self);

G_END_DECLS
