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
  MdDbusModemSignal *signal_iface;     /* NULL: the modem has no signal ops */
  MdSignalReport *signal_published;    /* the report the signal skeleton holds; NULL: none yet */
  MdDbusModemTime *time_iface;         /* NULL: the modem has no time ops */
  MdDbusModemLocation *location_iface; /* NULL: the modem gives no location */
  MdDbusModem3gppUssd *ussd_iface;     /* NULL: the modem has no ussd ops */
  MdDbusModemFirmware *firmware_iface; /* NULL: the modem has no firmware ops */
  MdDbusModem3gppProfileManager *profile_manager_iface; /* NULL: no profile ops */
  char *path;
  MdSimExport *sim_export;
  GHashTable *bearer_exports; /* MdBearer* -> MdBearerExport* */
  gulong handlers[5];
  /* A state change synced its own properties just now; the "changed" that
   * md_modem_set_state emits right after it defers the sync of the rest. */
  gboolean state_synced;
  guint deferred_sync_id; /* the (live) sync after a state change, pending */
  /* Messaging (md-messaging-export.c); the interface only with SMS ops */
  MdDbusModemMessaging *messaging_iface;
  GHashTable *sms_exports; /* MdSms* -> MdSmsExport* */
  gulong sms_added_id;
  gulong sms_removed_id;
  guint messages_sync_id; /* a pending update of Messages */
};

/* Object path of bearer, or "/" when it is not exported (yet). */
const char *md_modem_export_bearer_path (MdModemExport *self, MdBearer *bearer);
/* The bearer exported at path, or NULL. */
MdBearer *md_modem_export_find_bearer (MdModemExport *self, const char *path);

void md_modem_methods_install (MdModemExport *self);
void md_modem_3gpp_export_init (MdModemExport *self);
void md_modem_3gpp_export_sync (MdModemExport *self);
void md_simple_export_init (MdModemExport *self);
void md_signal_export_init (MdModemExport *self);
void md_signal_export_sync (MdModemExport *self);
void md_signal_export_free (MdModemExport *self);
void md_time_export_init (MdModemExport *self);
void md_time_export_sync (MdModemExport *self);
void md_time_export_free (MdModemExport *self);
void md_location_export_init (MdModemExport *self);
void md_location_export_sync (MdModemExport *self);
void md_location_export_free (MdModemExport *self);
void md_ussd_export_init (MdModemExport *self);
void md_ussd_export_sync (MdModemExport *self);
void md_ussd_export_free (MdModemExport *self);
void md_firmware_export_init (MdModemExport *self);
void md_firmware_export_free (MdModemExport *self);
void md_profile_manager_export_init (MdModemExport *self);
void md_profile_manager_export_free (MdModemExport *self);
void md_messaging_export_init (MdModemExport *self);
void md_messaging_export_sync (MdModemExport *self);
void md_messaging_export_free (MdModemExport *self);
/* SupportedBands/CurrentBands/current-bands of bands (NULL or empty: [unknown]). */
GVariant *md_modem_export_bands_variant (GArray *bands);
