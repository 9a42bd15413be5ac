# Build the Windows installer: a clean build venv with nianbao's runtime dependencies and
# PyInstaller, the same spec as on Linux (packaging\nianbao.spec), a self-test of the frozen
# program, then makensis. Run from the repository root in PowerShell:
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#
# Needs: 64-bit Python 3.11 (py launcher) and NSIS 3 (makensis on PATH or in its usual folder).
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root

$Venv = Join-Path $Root "build\venv-win"
if (Test-Path $Venv) { Remove-Item -Recurse -Force $Venv }
py -3.11 -m venv $Venv
if ($LASTEXITCODE -ne 0) { throw "无法创建构建用的虚拟环境（需要 64 位 Python 3.11）" }
$Python = Join-Path $Venv "Scripts\python.exe"
& $Python -m pip install --disable-pip-version-check -q ".[package]"
if ($LASTEXITCODE -ne 0) { throw "安装依赖失败" }

& $Python -m PyInstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\nianbao.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller 打包失败" }

$Bundle = Join-Path $Root "dist\nianbao"
$Version = (Get-Content (Join-Path $Bundle "_internal\VERSION") -Raw).Trim()
& (Join-Path $Bundle "nianbao-cli.exe") --self-test
if ($LASTEXITCODE -ne 0) { throw "打包后的程序自检未通过" }

$Makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $Makensis) { $Makensis = Join-Path ${env:ProgramFiles(x86)} "NSIS\makensis.exe" }
if (-not (Test-Path $Makensis)) { throw "找不到 makensis（请安装 NSIS 3）" }
$Setup = Join-Path $Root "dist\nianbao-$Version-setup.exe"
& $Makensis -WX "/DVERSION=$Version" "/DBUNDLE=$Bundle" "/DOUTFILE=$Setup" packaging\windows\nianbao.nsi
if ($LASTEXITCODE -ne 0) { throw "makensis 失败" }
Write-Output "已生成：$Setup"
