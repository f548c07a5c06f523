# SPDX-License-Identifier: GPL-2.0-or-later
"""A fake sysfs tree and /dev folder for discovery tests without udev:
device folders with uevent files, subsystem and driver links and attributes,
class links, and device nodes that are symlinks to modem-sim ptys. modemd
reads it with --test-sysfs-root and opens nodes with --test-dev-root."""
import os
import shutil

USB_BUS = "pci0000:00/0000:00:14.0/usb1"


class FakeSysfs:
    def __init__(self, root):
        self.sys = os.path.join(root, "sys")
        self.dev = os.path.join(root, "dev")
        os.makedirs(os.path.join(self.sys, "devices"))
        os.makedirs(self.dev)

    def devices_path(self, path):
        return os.path.join(self.sys, "devices", path)

    def add(self, path, subsystem, driver=None, devtype=None, uevent=(), attrs=None):
        folder = self.devices_path(path)
        os.makedirs(folder, exist_ok=True)
        self._link(folder, "subsystem", os.path.join(self.sys, "class", subsystem))
        if driver:
            self._link(folder, "driver", os.path.join(self.sys, "bus", subsystem, "drivers", driver))
        lines = ([f"DEVTYPE={devtype}"] if devtype else []) + list(uevent)
        with open(os.path.join(folder, "uevent"), "w") as f:
            f.write("".join(line + "\n" for line in lines))
        for name, value in (attrs or {}).items():
            with open(os.path.join(folder, name), "w") as f:
                f.write(value + "\n")
        return folder

    def class_link(self, subsystem, name, path):
        folder = os.path.join(self.sys, "class", subsystem)
        os.makedirs(folder, exist_ok=True)
        os.symlink(self.devices_path(path), os.path.join(folder, name))

    def node(self, name, target):
        """/dev/<name> of the fake tree, pointing at a pty."""
        os.symlink(target, os.path.join(self.dev, name))

    def remove(self, path, subsystem=None, name=None):
        shutil.rmtree(self.devices_path(path), ignore_errors=True)
        if subsystem and name:
            os.unlink(os.path.join(self.sys, "class", subsystem, name))

    @staticmethod
    def _link(folder, name, target):
        os.makedirs(target, exist_ok=True)
        os.symlink(target, os.path.join(folder, name))

    # --- devices as the kernel lays them out --------------------------------

    def usb_device(self, port, vid, pid, manufacturer, product, n_interfaces):
        path = f"{USB_BUS}/{port}"
        self.add(path, "usb", "usb", "usb_device",
                 attrs={"idVendor": vid, "idProduct": pid, "manufacturer": manufacturer,
                        "product": product, "bNumInterfaces": f"{n_interfaces:2d}"})
        return path

    def usb_interface(self, usb_path, number, cls, driver):
        base = os.path.basename(usb_path)
        path = f"{usb_path}/{base}:1.{number}"
        self.add(path, "usb", driver, "usb_interface",
                 attrs={"bInterfaceNumber": f"{number:02x}", "bInterfaceClass": cls})
        return path

    def _node_entry(self, path, subsystem, name, devtype=None):
        uevent = [] if subsystem == "net" else [f"DEVNAME={name}", "MAJOR=188", "MINOR=0"]
        self.add(path, subsystem, devtype=devtype, uevent=uevent)
        self.class_link(subsystem, name, path)

    def usb_serial_tty(self, iface_path, serial_driver, name):
        serial = f"{iface_path}/{name}"
        self.add(serial, "usb-serial", serial_driver)
        self._node_entry(f"{serial}/tty/{name}", "tty", name)

    def cdc_wdm(self, iface_path, name):
        self._node_entry(f"{iface_path}/usbmisc/{name}", "usbmisc", name)

    def usb_net(self, iface_path, name):
        self._node_entry(f"{iface_path}/net/{name}", "net", name, devtype="wwan")

    def option_modem(self, port="1-2", ttys=("ttyUSB0",)):
        """A USB modem whose AT ttys come from the option driver."""
        usb = self.usb_device(port, "12d1", "1506", "Huawei Technologies", "Mobile Connect", len(ttys))
        for number, name in enumerate(ttys):
            iface = self.usb_interface(usb, number, "ff", "option")
            self.usb_serial_tty(iface, "option1", name)
        return usb

    def mbim_modem(self, port="1-3", wdm="cdc-wdm0", net="wwan0"):
        """A cdc_mbim function: control interface 12 (cdc-wdm and net), data 13."""
        usb = self.usb_device(port, "1199", "9079", "Sierra Wireless, Incorporated", "EM7455", 2)
        control = self.usb_interface(usb, 12, "02", "cdc_mbim")
        self.usb_interface(usb, 13, "0a", "cdc_mbim")
        self.cdc_wdm(control, wdm)
        if net:
            self.usb_net(control, net)
        return usb

    def qmi_modem(self, port="1-4", wdm="cdc-wdm1", net="wwan1"):
        """A qmi_wwan function (interface 4: cdc-wdm and net) beside option ttys."""
        usb = self.usb_device(port, "2c7c", "0125", "Quectel", "EC25", 2)
        iface = self.usb_interface(usb, 2, "ff", "option")
        self.usb_serial_tty(iface, "option1", "ttyUSB4")
        control = self.usb_interface(usb, 4, "ff", "qmi_wwan")
        self.cdc_wdm(control, wdm)
        if net:
            self.usb_net(control, net)
        return usb

    def ftdi_adapter(self, port="1-5", tty="ttyUSB9"):
        """A USB-serial adapter: never a modem."""
        usb = self.usb_device(port, "0403", "6001", "FTDI", "FT232R USB UART", 1)
        iface = self.usb_interface(usb, 0, "ff", "ftdi_sio")
        self.usb_serial_tty(iface, "ftdi_sio", tty)
        return usb
