/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The SIM ops of a QMI modem name what they want in an MdQmiSimCall; the
 * router (md-qmi-sim-ops.c) runs it through UIM, or through DMS's older
 * UIM messages (md-qmi-sim-dms.c) on firmware without the UIM service. */
#pragma once

#include "md-qmi-ops.h"

G_BEGIN_DECLS

typedef enum {
  MD_QMI_SIM_UNLOCK_REQUIRED,
  MD_QMI_SIM_UNLOCK_RETRIES,
  MD_QMI_SIM_FACILITY_LOCKS,
  MD_QMI_SIM_INFO,
  MD_QMI_SIM_SEND_PIN,   /* first: the PIN */
  MD_QMI_SIM_SEND_PUK,   /* first: the PUK, second: the new PIN */
  MD_QMI_SIM_ENABLE_PIN, /* first: the PIN, enabled */
  MD_QMI_SIM_CHANGE_PIN, /* first: the old PIN, second: the new one */
  MD_QMI_SIM_WATCH,      /* card status indications (UIM only) */
} MdQmiSimWhat;

typedef struct {
  MdQmiSimWhat what;
  char *first;
  char *second;
  gboolean enabled;
} MdQmiSimCall;

void md_qmi_sim_call_free (MdQmiSimCall *call);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdQmiSimCall, md_qmi_sim_call_free)

/* Reads one identifier of the SIM (the IMSI when imsi, else the ICCID):
 * a task on modem returning the digits (g_free). */
typedef void (*MdQmiSimReadFn) (MdModem *modem, gboolean imsi, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data);

/* Loads the MdSimInfo through read: the ICCID, then the IMSI (refused while
 * the SIM is locked); either may stay unknown. task (consumed) returns it. */
void md_qmi_sim_load_info (MdModem *modem, MdQmiSimReadFn read, GTask *task);

/* The answer to a code sent to the SIM (PIN, PUK, protection, change),
 * through UIM or DMS: done, or the SIM's refusal as an API error. */
void md_qmi_sim_code_done (MdModem *modem, gpointer output, GTask *task);
void md_qmi_sim_code_refused (MdModem *modem, gpointer output, GError *error, GTask *task);

/* Runs call through DMS; task (consumed) returns what the SIM op returns. */
void md_qmi_sim_dms_run (MdModem *modem, const MdQmiSimCall *call, GTask *task);

G_END_DECLS
