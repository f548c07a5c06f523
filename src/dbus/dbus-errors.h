/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Registers the public D-Bus error names of modemd's error domains. */
#pragma once

void md_dbus_errors_register (void);
