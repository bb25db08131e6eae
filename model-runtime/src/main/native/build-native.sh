#!/usr/bin/env bash
# Builds libparleyllama (our JNI binding + llama.cpp + ggml) from a llama.cpp source that lives
# outside the repository, after checking every file against llama-sources.sha256.
# Called by model-runtime's pom (exec-maven-plugin); see docs/llama-jni.md for the properties.
#
# usage: build-native.sh SOURCE MANIFEST JAVA_HOME OUTPUT_DIR CACHE_ROOT "CMAKE_OPTIONS"
#   SOURCE     the whisper.cpp archive (.tar.xz, .tar.gz), a checkout/extracted directory of it,
#              or a URL of such an archive, downloaded once into CACHE_ROOT/downloads
#   OUTPUT_DIR classes directory: the library and the licence notices are written below it
#   CACHE_ROOT builds are kept in CACHE_ROOT/<key>, which `mvn clean` does not touch
set -euo pipefail

source_path=$1 manifest=$2 java_home=$3 output_dir=$4 cache_root=$5 cmake_options=${6:-}
native_dir=$(cd "$(dirname "$0")" && pwd)

fail() { echo "parley native build: $*" >&2; exit 1; }

# One line naming what to install, rather than a CMake or compiler error page.
install_hint="install cmake, ninja-build and g++ (Debian/Ubuntu: apt-get install cmake ninja-build g++)"
command -v cmake >/dev/null || fail "cmake is missing: $install_hint"
command -v ninja >/dev/null || fail "ninja is missing: $install_hint"
cxx=${CXX:-$(command -v c++ || command -v g++ || true)}
[ -n "$cxx" ] || fail "no C++ compiler found: $install_hint"
echo 'int main() { if constexpr (true) { return 0; } }' |
  "$cxx" -std=c++17 -x c++ -o /dev/null - 2>/dev/null || fail "$cxx cannot compile C++17: $install_hint"
[ -f "$java_home/include/jni.h" ] || fail "no JNI headers in $java_home/include: run Maven with a JDK (JAVA_HOME)"

case "$(uname -m)" in x86_64|amd64) arch=x86_64 ;; aarch64|arm64) arch=aarch64 ;; *) arch=$(uname -m) ;; esac
platform=$(uname -s | tr '[:upper:]' '[:lower:]')-$arch

sha() { sha256sum | cut -c1-16; }
# The build directory depends on the checked source and the CMake options; our binding's sources
# are compiled incrementally inside it. A library kept per binding key makes an unchanged
# build skips CMake entirely.
# Our fixed options come first, so a -D in cmake_options overrides them (e.g. -DGGML_NATIVE=OFF).
fixed_options="-DCMAKE_BUILD_TYPE=Release -DGGML_NATIVE=ON"
source_key=$( { cat "$manifest"; echo "$fixed_options $cmake_options"; echo "$platform"; } | sha)
shopt -s nullglob
binding_files=("$native_dir/CMakeLists.txt" "$native_dir"/*.cpp "$native_dir"/*.h)
shopt -u nullglob
binding_key=$( { echo "$source_key"; cat "${binding_files[@]}"; } | sha)
work=$cache_root/$source_key
built=$work/build/libparleyllama.so
# Each binding's library is kept under its own key: worktrees with different bindings share one
# build directory, and the last build there may be another worktree's.
library=$work/libparleyllama-$binding_key.so
# llama.cpp's own decode benchmark, built beside the library from the same objects (not in the jar)
reference=$work/parley-reference-decode-$binding_key
binding_dir=$work/binding

# A URL is fetched once; what arrives is checked like any other source below.
downloaded=
case "$source_path" in
  *://*)
    command -v curl >/dev/null || fail "curl is missing to download $source_path: install curl, or pass a local path"
    downloaded=$cache_root/downloads/$(echo "$source_path" | sha).archive
    if [ ! -f "$downloaded" ]; then
      echo "Downloading the llama.cpp source from $source_path"
      mkdir -p "$cache_root/downloads"
      curl -fsSL --retry 2 -o "$downloaded.part" "$source_path" || fail "cannot download $source_path"
      mv "$downloaded.part" "$downloaded"
    fi
    source_path=$downloaded
    ;;
esac
[ -e "$source_path" ] || fail "llama.cpp source not found at $source_path: set -Dparley.llama.source=PATH (docs/llama-jni.md)"
# tar needs the xz program for the .tar.xz archive; minimal Debian images lack it
if [ -f "$source_path" ] && [[ "$source_path" == *.xz ]] && ! command -v xz >/dev/null; then
  fail "xz is missing to extract $source_path: install xz-utils (Debian/Ubuntu: apt-get install xz-utils)"
fi

# Check the given source every time, also when the build is cached: the manifest decides.
checked=$(mktemp -d "${TMPDIR:-/tmp}/parley-llama-src.XXXXXX")
trap 'rm -rf "$checked"' EXIT
listed=$checked/listed.sha256
grep -v '^#' "$manifest" > "$listed"
if [ -d "$source_path" ]; then
  tree=$source_path
else
  tree=$checked/tree
  mkdir -p "$tree"
  tar -xf "$source_path" -C "$tree" --strip-components=1 2>/dev/null || fail "cannot extract $source_path"
fi
mismatch=$(cd "$tree" && sha256sum --quiet -c "$listed" 2>/dev/null | head -n 1 || true)
if [ -n "$mismatch" ]; then
  # a bad download must not stick in the cache
  [ -n "$downloaded" ] && rm -f "$downloaded"
  file=${mismatch%%: FAILED*}
  case "$mismatch" in
    *"open or read"*) fail "llama.cpp source check failed: $file is missing (listed in $(basename "$manifest"))" ;;
    *) fail "llama.cpp source check failed: $file does not match its sha256 in $(basename "$manifest")" ;;
  esac
fi

# GgufHeader refuses architectures llama.cpp does not know before it sees a file; its list is a
# resource (the non-native build and the tests read it too) that must be the checked source's.
arch_list=$native_dir/../resources/dev/parley/model/gguf/llama-cpp-architectures.txt
arch_source=examples/talk-llama/llama-arch.cpp
derived=$(sed -n '/LLM_ARCH_NAMES = {/,/^};/s/^ *{ *LLM_ARCH_[A-Z0-9_]*, *"\([^"]*\)".*/\1/p' "$tree/$arch_source" |
  grep -vx -e clip -e '(unknown)' | LC_ALL=C sort || true)
[ -n "$derived" ] || fail "no LLM_ARCH_NAMES in $arch_source: cannot check $(basename "$arch_list")"
[ -f "$arch_list" ] || fail "$arch_list is missing"
listed_archs=$(grep -v -e '^#' -e '^$' "$arch_list" | LC_ALL=C sort || true)
if [ "$derived" != "$listed_archs" ]; then
  add=$(LC_ALL=C comm -23 <(echo "$derived") <(echo "$listed_archs") | paste -sd ' ' -)
  remove=$(LC_ALL=C comm -13 <(echo "$derived") <(echo "$listed_archs") | paste -sd ' ' -)
  fail "$(basename "$arch_list") is out of step with $arch_source's LLM_ARCH_NAMES: add [${add}], remove [${remove}]"
fi

resource_dir=$output_dir/dev/parley/model/llamacpp/native/$platform
licence_dir=$output_dir/META-INF/licenses

# Two builds sharing the cache (parallel worktrees, CI jobs) must not run ninja in one directory.
mkdir -p "$work"
exec 9> "$work/lock"
if ! flock -n 9; then
  echo "Waiting for another build of llama.cpp in $work to finish"
  flock 9
fi

if [ ! -f "$library" ] || [ ! -f "$reference" ]; then
  # Stage only the files named in the manifest, so nothing unchecked can reach the compiler.
  # The staged copy is reused (same key = same content), keeping ninja's timestamps stable.
  if [ ! -f "$work/src.staged" ]; then
    rm -rf "$work/src"
    mkdir -p "$work/src"
    (cd "$tree" && awk '{ print $2 }' "$listed" | tar -cf - -T -) | tar -xf - -C "$work/src"
    touch "$work/src.staged"
  fi
  # CMake reads our binding from a staged copy, not from the worktree: a build directory
  # configured from one worktree must not compile that worktree's binding for every other one.
  mkdir -p "$binding_dir"
  for file in "${binding_files[@]}"; do
    cmp -s "$file" "$binding_dir/$(basename "$file")" || cp "$file" "$binding_dir/"
  done
  reconfigure=
  cache_file=$work/build/CMakeCache.txt
  if [ -f "$cache_file" ] && ! grep -qxF "CMAKE_HOME_DIRECTORY:INTERNAL=$binding_dir" "$cache_file"; then
    # configured by an older script from some worktree: repoint it, keeping llama.cpp's objects
    sed -i -e "s#^CMAKE_HOME_DIRECTORY:INTERNAL=.*#CMAKE_HOME_DIRECTORY:INTERNAL=$binding_dir#" \
      -e "s#^parley_llama_SOURCE_DIR:STATIC=.*#parley_llama_SOURCE_DIR:STATIC=$binding_dir#" "$cache_file"
    reconfigure=1
  fi
  if [ -f "$cache_file" ]; then
    # Ninja recompiles only what changed: normally just our binding, in seconds
    echo "Compiling Parley's llama.cpp binding against the cached llama.cpp build in $work/build"
  else
    echo "Compiling llama.cpp (whisper.cpp 4834a23, ggml) for $platform with CMake+Ninja: about 5 minutes the first time on 2 cores"
    echo "  build directory: $work/build (log: $work/build.log)"
  fi
  [ -n "$cmake_options" ] && echo "  extra CMake options: $cmake_options"
  started=$(date +%s)
  {
    if [ ! -f "$cache_file" ] || [ -n "$reconfigure" ]; then
      # shellcheck disable=SC2086 # the options are a list of -D flags split on spaces on purpose
      cmake -G Ninja -S "$binding_dir" -B "$work/build" $fixed_options \
        -DLLAMA_SOURCE_DIR="$work/src" -DPARLEY_JAVA_HOME="$java_home" $cmake_options
    fi
    cmake --build "$work/build" --target parleyllama parley-reference-decode -j "$(nproc)"
  } > "$work/build.log" 2>&1 || { tail -n 30 "$work/build.log" >&2; fail "compiling llama.cpp failed, see $work/build.log"; }
  cp "$built" "$library.part" && mv "$library.part" "$library"
  cp "$work/build/parley-reference-decode" "$reference.part" && mv "$reference.part" "$reference"
  echo "Compiled in $(( $(date +%s) - started )) s"
fi

mkdir -p "$resource_dir" "$licence_dir"
cp "$library" "$resource_dir/libparleyllama.so"
# beside the classes directory, so the benchmarks find it and the jar does not take it
cp "$reference" "$output_dir/../parley-reference-decode"
cp "$tree/LICENSE" "$licence_dir/llama.cpp-ggml-LICENSE.txt"
cat > "$licence_dir/llama.cpp-ggml-NOTICE.txt" <<NOTICE
libparleyllama.so ($platform) contains llama.cpp and ggml, compiled from whisper.cpp commit
4834a2327d008ace3ec5a9ed00f51454bcabbc1c (ggml/ and examples/talk-llama/), which are MIT-licensed by
the ggml authors: see llama.cpp-ggml-LICENSE.txt. CMake options: ${cmake_options:-(none)}
NOTICE
