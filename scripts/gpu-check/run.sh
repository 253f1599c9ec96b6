#!/bin/bash
# On the GPU machine: unpack Node and Basin into /tmp/basin-gpu-check, show what the machine
# offers (nvidia-smi with PCI bus ids, the Vulkan loader and driver files), then `basin info` and
# `basin doctor` — first as the machine is, then naming NVIDIA's Vulkan driver file where the
# loader does not find it by itself (containers often keep it under /usr/local/nvidia).
set -u
here=$(cd "$(dirname "$0")" && pwd); t=/tmp/basin-gpu-check; steps=${1:-50}
rm -rf $t; mkdir -p $t
xz -dc "$here/node.xz" > $t/node && chmod +x $t/node
tar -xJf "$here/basin.tar.xz" -C $t
export PATH="$t:$PATH"
cd $t/basin
nvidia-smi --query-gpu=index,name,pci.bus_id,driver_version,memory.total --format=csv 2>&1 | head -9
if ! PATH="$PATH:/sbin:/usr/sbin" ldconfig -p 2>/dev/null | grep -q 'libvulkan.so.1'; then
  echo "no libvulkan.so.1 on this machine: using the bundled Vulkan loader"
  export LD_LIBRARY_PATH="$t/basin/vk${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
ls /usr/share/vulkan/icd.d /etc/vulkan/icd.d /usr/local/nvidia/share/vulkan/icd.d \
  /usr/share/vulkan/implicit_layer.d /etc/vulkan/implicit_layer.d 2>/dev/null
echo "== basin info"; timeout 300 $t/node bin/basin.cjs info
echo "== basin doctor"; timeout 900 $t/node bin/basin.cjs doctor --steps "$steps"
icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
if [ -f $icd ]; then
  echo "== basin doctor with VK_DRIVER_FILES=$icd"
  VK_DRIVER_FILES=$icd timeout 900 $t/node bin/basin.cjs doctor --steps "$steps"
fi
exit 0
