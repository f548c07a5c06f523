/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The parts of one exported modem, shared by the files that serve its
 * interfaces (md-modem-export.c, md-modem-methods.c, md-modem-3gpp-export.c,
 * md-simple-export.c). */
#pragma once

#include "md-bearer-export.h"
#include "md-dbus-generated.h"
#include "md-modem-export.h"
#include "md-sim-export.h"
#include "md-sms-export.h"

struct _MdModemExport {
  MdModem *modem;
  GDBusObjectManagerServer *object_manager;
  MdAuthorizer *authorizer;
  MdDbusObjectSkeleton *object;
  MdDbusModem *modem_iface;
  MdDbusModemModem3gpp *modem3gpp_iface;
  MdDbusModemSimple *simple_iface;
  char *path;
  MdSimExport *sim_export;
  GHashTable *bearer_exports; /* MdBearer* -> MdBearerExport* */
  gulong handlers[5];
  /* Messaging (md-messaging-export.c); the interface only with SMS ops */
  MdDbusModemMessaging *messaging_iface;
  GHashTable *sms_exports; /* MdSms* -> MdSmsExport* */
  gulong sms_added_id;
  gulong sms_removed_id;
};

/* Object path of bearer, or "/" when it is not exported (yet). */
const char *md_modem_export_bearer_path (MdModemExport *self, MdBearer *bearer);
/* The bearer exported at path, or NULL. */
MdBearer *md_modem_export_find_bearer (MdModemExport *self, const char *path);

void md_modem_methods_install (MdModemExport *self);
void md_modem_3gpp_export_init (MdModemExport *self);
void md_modem_3gpp_export_sync (MdModemExport *self);
void md_simple_export_init (MdModemExport *self);
void md_messaging_export_init (MdModemExport *self);
void md_messaging_export_sync (MdModemExport *self);
void md_messaging_export_free (MdModemExport *self);
